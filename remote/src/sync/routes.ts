import { SYNC_ERRORS, syncMutation, syncPullQuery, syncPushRequest, type ReaderClaims } from '@physical-ai-reader/protocol';
import { Hono, type Context } from 'hono';
import type { AppEnv, Services } from '../http/context.js';
import { jsonError, tooMany } from '../http/errors.js';
import { limitBody } from '../http/limit-body.js';
import { invalidInput, parseBody } from '../http/parse-body.js';
import { authenticate } from '../http/require-user.js';
import { MutationGapError, pull, purgeTombstones, push, QuotaExceededError, ResyncRequiredError, type CheckedMutation } from './store.js';

/** Old tombstones are purged at most this often per instance, after a pull (it is cheap when there is nothing). */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * POST /v1/sync/push and GET /v1/sync/pull, for the user in the JWT only: every query is keyed by the token's
 * `sub`, so the same entity id of two users are two records and neither can read or write the other's.
 */
export function syncRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const rules = s.config.limits.sync;
  let lastPurge = 0;

  /** The signed-in user, or the 401/429 to answer. Push and pull share one allowance per user. */
  const signedIn = async (c: Context<AppEnv>): Promise<ReaderClaims | Response> => {
    const who = await authenticate(c, s, true);
    if ('response' in who) return who.response;
    const claims = who.claims!;
    const rate = await s.limiter.consume(`sync:user:${claims.sub}`, { window: rules.windowSeconds, max: rules.max });
    return rate.allowed ? claims : tooMany(c, rate.retryAfter ?? rules.windowSeconds);
  };

  app.post('/push', limitBody(rules.pushMaxBytes, `A push is limited to ${rules.pushMaxBytes} bytes; send fewer mutations at a time.`), async (c) => {
    const claims = await signedIn(c);
    if (claims instanceof Response) return claims;
    const body = await parseBody(c, syncPushRequest);
    if (body instanceof Response) return body;
    if (body.mutations.length > rules.pushMaxMutations)
      return jsonError(c, 413, { error: SYNC_ERRORS.tooManyMutations, message: `A push holds at most ${rules.pushMaxMutations} mutations.` });
    const broken = body.mutations.findIndex((m, i) => i > 0 && m.id !== body.mutations[i - 1]!.id + 1);
    if (broken > 0) return jsonError(c, 400, { error: 'invalid_input', message: 'Mutation ids must follow each other (1, 2, 3 ...).', fields: { [`mutations.${broken}.id`]: 'must be the previous id + 1' } });

    // Each mutation on its own: one that can never be valid is reported and consumed, the others still apply.
    const checked: CheckedMutation[] = body.mutations.map((raw, index) => {
      let parsed;
      try {
        parsed = syncMutation.safeParse(raw);
      } catch (err) {
        // JSON nested deeper than the stack (a few KB of brackets) overflows the recursive checks.
        if (err instanceof RangeError) return { index, id: raw.id, reason: 'data is nested too deeply' };
        throw err;
      }
      if (parsed.success) return { index, id: raw.id, mutation: parsed.data };
      return { index, id: raw.id, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'mutation'} ${i.message}`).join('; ') };
    });
    try {
      return c.json(await push(s.transact, claims.sub, body.clientId, checked, rules.quotaBytes));
    } catch (err) {
      if (err instanceof MutationGapError) return jsonError(c, 409, { error: SYNC_ERRORS.mutationGap, message: err.message });
      if (err instanceof QuotaExceededError) return jsonError(c, 413, { error: SYNC_ERRORS.quotaExceeded, message: `${err.message} Delete some notes or highlights.` });
      throw err;
    }
  });

  app.get('/pull', async (c) => {
    const claims = await signedIn(c);
    if (claims instanceof Response) return claims;
    const query = syncPullQuery.safeParse(c.req.query());
    if (!query.success) return invalidInput(c, query.error);
    try {
      const page = await pull(s.transact, claims.sub, query.data.cursor, query.data.limit);
      maybePurge();
      return c.json(page);
    } catch (err) {
      if (err instanceof ResyncRequiredError)
        return jsonError(c, 409, { error: SYNC_ERRORS.resyncRequired, message: 'This cursor can no longer be continued; pull again from cursor 0.' });
      throw err;
    }
  });

  function maybePurge(): void {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    purgeTombstones(s.db, rules.tombstoneRetentionSeconds).catch((err: unknown) => s.log({ level: 'warn', event: 'sync_purge_failed', message: String(err) }));
  }
  return app;
}

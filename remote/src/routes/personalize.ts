import { MARKDOWN_MAX_BYTES, personalizeRequest, type PersonalizeEvent, type PersonalizeMeta } from '@physical-ai-reader/protocol';
import { Hono, type Context } from 'hono';
import { GenerationError, type ChatMessage } from '../generation.js';
import type { AppEnv, Services } from '../http/context.js';
import { generationFailed, tooMany } from '../http/errors.js';
import { generationResponse } from '../http/generation-response.js';
import { limitBody } from '../http/limit-body.js';
import { parseBody } from '../http/parse-body.js';
import { relay } from '../http/relay.js';
import { authenticate } from '../http/require-user.js';
import { sseResponse } from '../http/sse.js';
import { chapterHash, sharedKeyOf, type CacheKey } from '../personalization-cache.js';
import type { FlightView } from '../personalization-flights.js';
import { PERSONALIZE_PROMPT_VERSION, personalizeMessages } from '../prompts.js';

const BODY_MAX = MARKDOWN_MAX_BYTES + 16 * 1024;
/** Cached chapters are replayed in pieces of this many characters, so the client code path is the same. */
const REPLAY_PIECE = 2048;

/** POST /api/personalize: the chapter rewritten for the reader in the JWT, as SSE, from cache when possible. */
export function personalizeRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const limits = s.config.limits.generation;
  app.post(
    '/',
    limitBody(BODY_MAX, `Markdown is limited to ${MARKDOWN_MAX_BYTES} bytes.`),
    async (c) => {
      const who = await authenticate(c, s, true);
      if ('response' in who) return who.response;
      const claims = who.claims!;
      const body = await parseBody(c, personalizeRequest);
      if (body instanceof Response) return body;

      const background = { software: claims.softwareBackground, hardware: claims.hardwareBackground };
      const model = s.config.groq.personalizeModel;
      const key: CacheKey = { userId: claims.sub, contentHash: chapterHash(body.title, body.markdown), background, model, promptVersion: PERSONALIZE_PROMPT_VERSION };
      // Nothing in the response says whether it came from the cache or from another reader's generation.
      const meta: PersonalizeMeta = { chapterId: body.chapterId, model, background, contentHash: key.contentHash };

      // Counting the hit and reading the cache is one statement: a cache hit costs one round trip.
      const rate = { key: `personalize:user:${claims.sub}`, rule: { window: limits.windowSeconds, max: limits.userMax } };
      const { decision, body: cached } = body.regenerate
        ? { decision: await s.limiter.consume(rate.key, rate.rule), body: undefined }
        : await s.cache.getCounted(key, s.limiter, rate);
      if (!decision.allowed) return tooMany(c, decision.retryAfter ?? limits.windowSeconds);
      if (!body.regenerate) s.metrics.cacheLookups.inc({ result: cached === undefined ? 'miss' : 'hit' });
      if (cached !== undefined) return sseResponse(s.metrics.observeStream(c, replay(cached, meta)));
      const messages = personalizeMessages(background, body.title, body.markdown);
      if (!body.regenerate) return sharedGeneration(c, s, key, meta, messages);

      // A regenerated rewrite is the reader's own: it replaces nobody else's. Only a chapter the model finished
      // goes to the cache; a cut-off one would be served forever.
      const finish = async (text: string, complete: boolean) => {
        if (complete) await s.cache.putOwn(key, text).catch((err) => s.log({ level: 'warn', event: 'cache_write_failed', message: String(err) }));
        return {};
      };
      return generationResponse(c, s, { model, messages, meta, finish });
    },
  );
  return app;
}

/**
 * A cache miss joins the one generation of this shared entry (starting it if none runs on any instance), so
 * readers asking at once cost one Groq call. A refusal before Groq's stream began is a plain JSON error, as for a
 * reader alone; the reader going away leaves the flight (the last one to leave stops Groq).
 */
async function sharedGeneration(c: Context<AppEnv>, s: Services, key: CacheKey, meta: PersonalizeMeta, messages: ChatMessage[]): Promise<Response> {
  let view: FlightView;
  try {
    view = await s.flights.join(
      sharedKeyOf(key),
      (signal) => s.generator.start(key.model, messages, signal),
      (text) => s.cache.putShared(key, text),
    );
  } catch (err) {
    if (err instanceof GenerationError) return generationFailed(c, err);
    throw err;
  }
  const leave = new AbortController();
  leave.signal.addEventListener('abort', view.leave, { once: true });
  c.req.raw.signal.addEventListener('abort', () => leave.abort(), { once: true });
  return sseResponse(s.metrics.observeStream(c, relay(view, leave, meta, async () => ({})), 'groq'));
}

async function* replay(text: string, meta: PersonalizeMeta): AsyncGenerator<PersonalizeEvent> {
  yield { event: 'meta', data: meta };
  for (let i = 0; i < text.length; i += REPLAY_PIECE) yield { event: 'delta', data: { text: text.slice(i, i + REPLAY_PIECE) } };
  yield { event: 'done', data: { complete: true, chars: text.length } };
}

import { MARKDOWN_MAX_BYTES, personalizeRequest, type PersonalizeEvent, type PersonalizeMeta } from '@physical-ai-reader/protocol';
import { Hono } from 'hono';
import type { AppEnv, Services } from '../http/context.js';
import { tooMany } from '../http/errors.js';
import { generationResponse } from '../http/generation-response.js';
import { limitBody } from '../http/limit-body.js';
import { parseBody } from '../http/parse-body.js';
import { authenticate } from '../http/require-user.js';
import { sseResponse } from '../http/sse.js';
import { chapterHash, type CacheKey } from '../personalization-cache.js';
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
      // Nothing in the response says whether it came from the cache: the entry is the reader's own anyway.
      const meta: PersonalizeMeta = { chapterId: body.chapterId, model, background, contentHash: key.contentHash };

      // Counting the hit and reading the cache is one statement: a cache hit costs one round trip.
      const rate = { key: `personalize:user:${claims.sub}`, rule: { window: limits.windowSeconds, max: limits.userMax } };
      const { decision, body: cached } = body.regenerate
        ? { decision: await s.limiter.consume(rate.key, rate.rule), body: undefined }
        : await s.cache.getCounted(key, s.limiter, rate);
      if (!decision.allowed) return tooMany(c, decision.retryAfter ?? limits.windowSeconds);
      if (!body.regenerate) s.metrics.cacheLookups.inc({ result: cached === undefined ? 'miss' : 'hit' });
      if (cached !== undefined) return sseResponse(s.metrics.observeStream(c, replay(cached, meta)));

      // Only a chapter the model finished goes to the cache; a cut-off one would be served forever.
      const finish = async (text: string, complete: boolean) => {
        if (complete) await s.cache.put(key, text).catch((err) => s.log({ level: 'warn', event: 'cache_write_failed', message: String(err) }));
        return {};
      };
      return generationResponse(c, s, { model, messages: personalizeMessages(background, body.title, body.markdown), meta, finish });
    },
  );
  return app;
}

async function* replay(text: string, meta: PersonalizeMeta): AsyncGenerator<PersonalizeEvent> {
  yield { event: 'meta', data: meta };
  for (let i = 0; i < text.length; i += REPLAY_PIECE) yield { event: 'delta', data: { text: text.slice(i, i + REPLAY_PIECE) } };
  yield { event: 'done', data: { complete: true, chars: text.length } };
}

import { Hono } from 'hono';
import { z } from 'zod';
import { GenerationError, type TextStream } from '../generation.js';
import type { AppEnv, Services } from '../http/context.js';
import { generationFailed, tooMany } from '../http/errors.js';
import { limitBody } from '../http/limit-body.js';
import { parseBody } from '../http/parse-body.js';
import { authenticate } from '../http/require-user.js';
import { relay } from '../http/relay.js';
import { sseResponse, type SseEvent } from '../http/sse.js';
import { chapterHash, type CacheKey } from '../personalization-cache.js';
import { PERSONALIZE_PROMPT_VERSION, personalizeMessages } from '../prompts.js';

/** Largest chapter accepted, in UTF-8 bytes of Markdown. */
export const MARKDOWN_MAX_BYTES = 200 * 1024;
const BODY_MAX = MARKDOWN_MAX_BYTES + 16 * 1024;
/** Cached chapters are replayed in pieces of this many characters, so the client code path is the same. */
const REPLAY_PIECE = 2048;

const personalizeBody = z.object({
  chapterId: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  title: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  markdown: z
    .string()
    .min(1, 'is required')
    .refine((m) => Buffer.byteLength(m) <= MARKDOWN_MAX_BYTES, `must be at most ${MARKDOWN_MAX_BYTES} bytes`),
  /** A fresh rewrite: skips this reader's cached one (and replaces it when finished); still counts against the rate limit. */
  regenerate: z.boolean().optional(),
});

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
      const body = await parseBody(c, personalizeBody);
      if (body instanceof Response) return body;

      const background = { software: claims.softwareBackground, hardware: claims.hardwareBackground };
      const model = s.config.groq.personalizeModel;
      const key: CacheKey = { userId: claims.sub, contentHash: chapterHash(body.title, body.markdown), background, model, promptVersion: PERSONALIZE_PROMPT_VERSION };
      // Nothing in the response says whether it came from the cache: the entry is the reader's own anyway.
      const meta = { chapterId: body.chapterId, model, background, contentHash: key.contentHash };

      // Both are one round trip to Postgres; doing them together keeps the first byte early.
      const [rate, cached] = await Promise.all([
        s.limiter.consume(`personalize:user:${claims.sub}`, { window: limits.windowSeconds, max: limits.userMax }),
        body.regenerate ? Promise.resolve(undefined) : s.cache.get(key),
      ]);
      if (!rate.allowed) return tooMany(c, rate.retryAfter ?? limits.windowSeconds);
      if (cached !== undefined) return sseResponse(replay(cached, meta));

      const abort = new AbortController();
      c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
      let stream: TextStream;
      try {
        stream = await s.generator.start(model, personalizeMessages(background, body.title, body.markdown), abort.signal);
      } catch (err) {
        if (!(err instanceof GenerationError)) throw err;
        return generationFailed(c, err);
      }
      // Only a chapter the model finished goes to the cache; a cut-off one would be served forever.
      const finish = async (text: string, complete: boolean) => {
        if (complete) await s.cache.put(key, text).catch((err) => s.log({ level: 'warn', event: 'cache_write_failed', message: String(err) }));
        return {};
      };
      return sseResponse(relay(stream, abort, meta, finish));
    },
  );
  return app;
}

async function* replay(text: string, meta: object): AsyncGenerator<SseEvent> {
  yield { event: 'meta', data: meta };
  for (let i = 0; i < text.length; i += REPLAY_PIECE) yield { event: 'delta', data: { text: text.slice(i, i + REPLAY_PIECE) } };
  yield { event: 'done', data: { complete: true, chars: text.length } };
}

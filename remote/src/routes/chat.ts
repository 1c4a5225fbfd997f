import { Hono } from 'hono';
import { z } from 'zod';
import { addressBlock } from '../address-block.js';
import { GenerationError, type TextStream } from '../generation.js';
import type { AppEnv, Services } from '../http/context.js';
import { generationFailed, tooMany } from '../http/errors.js';
import { limitBody } from '../http/limit-body.js';
import { parseBody } from '../http/parse-body.js';
import { authenticate } from '../http/require-user.js';
import { relay } from '../http/relay.js';
import { sseResponse } from '../http/sse.js';
import { chatMessages, type Passage } from '../prompts.js';

export const CHAT_LIMITS = { passages: 12, passageChars: 4000, questionChars: 2000, selectionChars: 4000, bodyBytes: 96 * 1024 };

const chatBody = z.object({
  question: z.string().trim().min(1, 'is required').max(CHAT_LIMITS.questionChars, `must be at most ${CHAT_LIMITS.questionChars} characters`),
  passages: z
    .array(
      z.object({
        id: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
        title: z.string().max(300, 'must be at most 300 characters'),
        text: z.string().min(1, 'is required').max(CHAT_LIMITS.passageChars, `must be at most ${CHAT_LIMITS.passageChars} characters`),
      }),
    )
    .min(1, 'must contain at least one passage')
    .max(CHAT_LIMITS.passages, `must contain at most ${CHAT_LIMITS.passages} passages`),
  selection: z.string().max(CHAT_LIMITS.selectionChars, `must be at most ${CHAT_LIMITS.selectionChars} characters`).optional(),
});

/** POST /v1/chat: an answer grounded in the passages the desktop retrieved, with [n] citations, as SSE. */
export function chatRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const limits = s.config.limits.generation;
  app.post(
    '/',
    limitBody(CHAT_LIMITS.bodyBytes, `Request body is limited to ${CHAT_LIMITS.bodyBytes} bytes.`),
    async (c) => {
      // With anonymous chat off, a missing token is the same 401 as on the other protected routes.
      const who = await authenticate(c, s, !s.config.anonymousChat);
      if ('response' in who) return who.response;
      const claims = who.claims;
      if (claims) {
        const rate = await s.limiter.consume(`chat:user:${claims.sub}`, { window: limits.windowSeconds, max: limits.userMax });
        if (!rate.allowed) return tooMany(c, rate.retryAfter ?? limits.windowSeconds);
      } else {
        const refusal = await anonymousAllowance(s, addressBlock(c.get('clientIp')));
        if (refusal) return tooMany(c, refusal.retryAfter, refusal.message);
      }
      const body = await parseBody(c, chatBody);
      if (body instanceof Response) return body;

      const background = claims ? { software: claims.softwareBackground, hardware: claims.hardwareBackground } : undefined;
      const model = s.config.groq.chatModel;
      const abort = new AbortController();
      c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
      let stream: TextStream;
      try {
        stream = await s.generator.start(model, chatMessages(body.question, body.passages, body.selection, background), abort.signal);
      } catch (err) {
        if (!(err instanceof GenerationError)) throw err;
        return generationFailed(c, err);
      }
      const meta = { model, personalized: Boolean(background), passages: body.passages.length };
      return sseResponse(relay(stream, abort, meta, async (text) => ({ citations: citedPassages(text, body.passages) })));
    },
  );
  return app;
}

/**
 * Anonymous readers get a small allowance per client (an IPv4 address or an IPv6 /64) and, all together, a
 * global budget per window, so no spread of addresses makes anonymous Groq use unbounded. The global budget
 * is counted only for requests their own client allowance let through.
 */
async function anonymousAllowance(s: Services, client: string): Promise<{ retryAfter: number; message: string } | undefined> {
  const { windowSeconds, anonMax, anonGlobalMax } = s.config.limits.generation;
  const own = await s.limiter.consume(`chat:anon:${client}`, { window: windowSeconds, max: anonMax });
  if (!own.allowed) return { retryAfter: own.retryAfter ?? windowSeconds, message: 'Too many questions from this address; sign in for a larger allowance.' };
  const all = await s.limiter.consume('chat:anon-all', { window: windowSeconds, max: anonGlobalMax });
  if (!all.allowed) return { retryAfter: all.retryAfter ?? windowSeconds, message: 'Too many questions without an account right now; sign in, or try again later.' };
  return undefined;
}

/** The [n] markers in the answer that name a passage we sent, in order of first use, with the passage id. */
export function citedPassages(text: string, passages: Passage[]): Array<{ n: number; id: string }> {
  const seen = new Map<number, string>();
  for (const m of text.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(m[1]);
    const p = passages[n - 1];
    if (p && !seen.has(n)) seen.set(n, p.id);
  }
  return [...seen].map(([n, id]) => ({ n, id }));
}

import { CHAT_LIMITS, chatRequest, type ChatPassage, type Citation } from '@physical-ai-reader/protocol';
import { Hono } from 'hono';
import { addressBlock } from '../address-block.js';
import type { AppEnv, Services } from '../http/context.js';
import { tooMany } from '../http/errors.js';
import { generationResponse } from '../http/generation-response.js';
import { limitBody } from '../http/limit-body.js';
import { parseBody } from '../http/parse-body.js';
import { authenticate } from '../http/require-user.js';
import { chatMessages } from '../prompts.js';

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
      const body = await parseBody(c, chatRequest);
      if (body instanceof Response) return body;

      const background = claims ? { software: claims.softwareBackground, hardware: claims.hardwareBackground } : undefined;
      const model = s.config.groq.chatModel;
      return generationResponse(c, s, {
        model,
        messages: chatMessages(body.question, body.passages, body.selection, background, body.history),
        meta: { model, personalized: Boolean(background), passages: body.passages.length },
        finish: async (text) => ({ citations: citedPassages(text, body.passages) }),
      });
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
  const own = `chat:anon:${client}`;
  // One round trip for both counters; the global one counts only what the client's own allowance let through.
  const { decision, refusedBy } = await s.limiter.consumeBoth(
    { key: own, rule: { window: windowSeconds, max: anonMax } },
    { key: 'chat:anon-all', rule: { window: windowSeconds, max: anonGlobalMax } },
  );
  if (decision.allowed) return undefined;
  const retryAfter = decision.retryAfter ?? windowSeconds;
  if (refusedBy === own) return { retryAfter, message: 'Too many questions from this address; sign in for a larger allowance.' };
  return { retryAfter, message: 'Too many questions without an account right now; sign in, or try again later.' };
}

/** The [n] markers in the answer that name a passage we sent, in order of first use, with the passage id. */
export function citedPassages(text: string, passages: ChatPassage[]): Citation[] {
  const seen = new Map<number, string>();
  for (const m of text.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(m[1]);
    const p = passages[n - 1];
    if (p && !seen.has(n)) seen.set(n, p.id);
  }
  return [...seen].map(([n, id]) => ({ n, id }));
}

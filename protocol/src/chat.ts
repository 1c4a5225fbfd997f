import { z } from 'zod';
import { generationEvents, type GenerationEvent } from './stream-events.js';

/** POST /v1/chat: an answer grounded in passages the desktop found, citing them as [n]. JWT optional. */
export const CHAT_PATH = '/v1/chat';
/**
 * A request at every limit (ASCII) stays under `bodyBytes`, history included; text in other scripts takes more
 * bytes per character, and the body cap is what bounds it (the desktop drops the oldest turns to fit).
 */
export const CHAT_LIMITS = {
  passages: 12,
  passageChars: 4000,
  questionChars: 2000,
  selectionChars: 4000,
  historyTurns: 6,
  historyAnswerChars: 3000,
  bodyBytes: 96 * 1024,
};

export const chatPassage = z.object({
  id: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
  title: z.string().max(300, 'must be at most 300 characters'),
  text: z.string().min(1, 'is required').max(CHAT_LIMITS.passageChars, `must be at most ${CHAT_LIMITS.passageChars} characters`),
});
export type ChatPassage = z.infer<typeof chatPassage>;

/** An earlier question in the same conversation and the answer it got, so a follow-up can lean on it. */
export const chatTurn = z.object({
  question: z.string().trim().min(1, 'is required').max(CHAT_LIMITS.questionChars, `must be at most ${CHAT_LIMITS.questionChars} characters`),
  answer: z.string().max(CHAT_LIMITS.historyAnswerChars, `must be at most ${CHAT_LIMITS.historyAnswerChars} characters`),
});
export type ChatTurn = z.infer<typeof chatTurn>;

export const chatRequest = z.object({
  question: z.string().trim().min(1, 'is required').max(CHAT_LIMITS.questionChars, `must be at most ${CHAT_LIMITS.questionChars} characters`),
  passages: z
    .array(chatPassage)
    .min(1, 'must contain at least one passage')
    .max(CHAT_LIMITS.passages, `must contain at most ${CHAT_LIMITS.passages} passages`),
  selection: z.string().max(CHAT_LIMITS.selectionChars, `must be at most ${CHAT_LIMITS.selectionChars} characters`).optional(),
  /** Earlier turns, oldest first. */
  history: z.array(chatTurn).max(CHAT_LIMITS.historyTurns, `must contain at most ${CHAT_LIMITS.historyTurns} turns`).optional(),
});
export type ChatRequest = z.input<typeof chatRequest>;

export const chatMeta = z.object({ model: z.string(), personalized: z.boolean(), passages: z.number().int() });
export type ChatMeta = z.infer<typeof chatMeta>;

/** A passage the answer cites: its 1-based number in the request and its id. */
export const citation = z.object({ n: z.number().int(), id: z.string() });
export type Citation = z.infer<typeof citation>;
/** `done` also lists the passages the answer cites. */
export const chatDone = z.object({ citations: z.array(citation) });
export type ChatDone = z.infer<typeof chatDone>;

export type ChatEvent = GenerationEvent<ChatMeta, ChatDone>;
export const chatEvent = generationEvents(chatMeta, chatDone);

/**
 * The request with as many of the latest `turns` as fit: at most `historyTurns`, each cut to the field limits, the
 * oldest dropped while the JSON body would pass `bodyBytes`.
 */
export function withHistory<R extends ChatRequest>(request: R, turns: readonly ChatTurn[]): R & { history?: ChatTurn[] } {
  let history = turns
    .filter((t) => t.question.trim().length > 0)
    .slice(-CHAT_LIMITS.historyTurns)
    .map((t) => ({ question: t.question.trim().slice(0, CHAT_LIMITS.questionChars), answer: t.answer.slice(0, CHAT_LIMITS.historyAnswerChars) }));
  const bytes = (h: ChatTurn[]) => new TextEncoder().encode(JSON.stringify({ ...request, history: h })).length;
  while (history.length > 0 && bytes(history) > CHAT_LIMITS.bodyBytes) history = history.slice(1);
  return history.length > 0 ? { ...request, history } : request;
}

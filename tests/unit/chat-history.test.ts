/** The /v1/chat request's conversation history: bounded in turns and characters, and counted in the body cap. */
import { CHAT_LIMITS, chatRequest, withHistory } from '@physical-ai-reader/protocol';
import { describe, expect, it } from 'vitest';

const base = { question: 'And the ankles?', passages: [{ id: 'p1', title: 'Sensors', text: 'Ankle sensors drift with heat.' }] };
const turn = (i: number) => ({ question: `Question ${i}?`, answer: `Answer ${i}.` });
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

describe('chatRequest history', () => {
  it('is optional and takes up to the turn limit, each a question and an answer', () => {
    expect(chatRequest.safeParse(base).success).toBe(true);
    const six = Array.from({ length: CHAT_LIMITS.historyTurns }, (_, i) => turn(i));
    expect(chatRequest.parse({ ...base, history: six }).history).toEqual(six);
    const seven = chatRequest.safeParse({ ...base, history: [...six, turn(7)] });
    expect(seven.success).toBe(false);
    expect(seven.error?.issues[0]?.message).toMatch(/at most 6 turns/);
  });

  it('refuses empty questions, over-long fields and unknown shapes', () => {
    for (const history of [
      [{ question: '  ', answer: 'a' }],
      [{ question: 'q'.repeat(CHAT_LIMITS.questionChars + 1), answer: 'a' }],
      [{ question: 'q', answer: 'a'.repeat(CHAT_LIMITS.historyAnswerChars + 1) }],
      [{ question: 'q' }],
      'not a list',
    ]) {
      expect(chatRequest.safeParse({ ...base, history }).success, JSON.stringify(history).slice(0, 80)).toBe(false);
    }
  });

  it('a request at every limit in ASCII, history included, fits the body cap', () => {
    const full = {
      question: 'q'.repeat(CHAT_LIMITS.questionChars),
      passages: Array.from({ length: CHAT_LIMITS.passages }, (_, i) => ({ id: `p${i + 1}`.padEnd(200, 'x'), title: 't'.repeat(300), text: 'w'.repeat(CHAT_LIMITS.passageChars) })),
      selection: 's'.repeat(CHAT_LIMITS.selectionChars),
      history: Array.from({ length: CHAT_LIMITS.historyTurns }, () => ({ question: 'q'.repeat(CHAT_LIMITS.questionChars), answer: 'a'.repeat(CHAT_LIMITS.historyAnswerChars) })),
    };
    expect(chatRequest.safeParse(full).success).toBe(true);
    expect(bytes(full)).toBeLessThanOrEqual(CHAT_LIMITS.bodyBytes);
  });
});

describe('withHistory', () => {
  it('keeps the latest turns up to the limit, cut to the field limits', () => {
    const turns = Array.from({ length: 9 }, (_, i) => turn(i));
    turns[8] = { question: 'Last?', answer: 'x'.repeat(CHAT_LIMITS.historyAnswerChars + 50) };
    const r = withHistory(base, turns);
    expect(r.history!.map((t) => t.question)).toEqual(['Question 3?', 'Question 4?', 'Question 5?', 'Question 6?', 'Question 7?', 'Last?']);
    expect(r.history![5]!.answer).toHaveLength(CHAT_LIMITS.historyAnswerChars);
    expect(chatRequest.safeParse(r).success).toBe(true);
    expect(withHistory(base, [])).toEqual(base);
  });

  it('drops the oldest turns while the body would pass the cap (text that takes several bytes a character)', () => {
    const big = { ...base, passages: Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, title: 'T', text: 'é'.repeat(CHAT_LIMITS.passageChars) })) };
    const heavy = Array.from({ length: 6 }, (_, i) => ({ question: `Q${i}?`, answer: '日'.repeat(CHAT_LIMITS.historyAnswerChars) }));
    const r = withHistory(big, heavy);
    expect(bytes(r)).toBeLessThanOrEqual(CHAT_LIMITS.bodyBytes);
    expect(r.history!.length).toBeGreaterThan(0);
    expect(r.history!.length).toBeLessThan(6);
    // The newest turns are the ones kept.
    expect(r.history!.at(-1)!.question).toBe('Q5?');
    expect(bytes({ ...big, history: heavy.slice(-(r.history!.length + 1)) })).toBeGreaterThan(CHAT_LIMITS.bodyBytes);
  });
});

import { chatEvent, type ChatMeta } from '@physical-ai-reader/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GenerationError, type TextStream } from '../generation.js';
import { relay } from './relay.js';

/** relay's clock: a wait in a stream moves it, nothing else does, so merging does not depend on the machine's load. */
let clock = 0;
beforeEach(() => {
  clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});
afterEach(() => vi.restoreAllMocks());

function streamOf(pieces: Array<string | { waitMs: number } | Error>): TextStream {
  let finished = false;
  return {
    finished: () => finished,
    pieces: (async function* () {
      for (const p of pieces) {
        if (p instanceof Error) throw p;
        if (typeof p === 'string') yield p;
        else clock += p.waitMs;
      }
      finished = true;
    })(),
  };
}

const meta: ChatMeta = { model: 'm', personalized: false, passages: 1 };

/** The events relay sends, each checked against the protocol's schema for /v1/chat as the desktop checks it. */
async function collect(stream: TextStream) {
  const events = [];
  for await (const e of relay(stream, new AbortController(), meta, async () => ({ citations: [{ n: 1, id: 'p1' }] }))) {
    expect(chatEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
    events.push(e);
  }
  return events;
}

describe('relay', () => {
  it('sends the first piece at once and merges pieces that arrive close together', async () => {
    const events = await collect(streamOf(['a', 'b', 'c', { waitMs: 40 }, 'd', 'e']));
    expect(events.map((e) => e.event)).toEqual(['meta', 'delta', 'delta', 'delta', 'done']);
    expect(events.filter((e) => e.event === 'delta').map((e) => ('text' in e.data ? e.data.text : null))).toEqual(['a', 'bcd', 'e']);
    expect(events.at(-1)!.data).toEqual({ complete: true, chars: 5, citations: [{ n: 1, id: 'p1' }] });
  });

  it('flushes what it holds before reporting a failure', async () => {
    const events = await collect(streamOf(['a', 'b', new GenerationError(502, 'cut off')]));
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['meta', meta],
      ['delta', { text: 'a' }],
      ['delta', { text: 'b' }],
      ['error', { status: 502, error: 'generation_failed', message: 'cut off' }],
    ]);
  });
});

import type { GenerationEvent } from '@physical-ai-reader/protocol';
import { GenerationError, type TextStream } from '../generation.js';

/** Later pieces are merged until this much time has passed since the last delta sent, or this much text waits. */
const COALESCE_MS = 25;
const COALESCE_CHARS = 2048;

/**
 * The SSE sequence every generation endpoint sends: `meta`, then one `delta` per piece of text, then either
 * `done` (with what `finish` adds) or `error` if Groq failed mid-way. Groq's request is aborted whenever the
 * sequence ends, including when the client disconnects and the generator is closed early.
 * Groq streams one token per chunk; writing each as its own event costs a socket write apiece. The first piece
 * goes out at once (time to first byte); later ones are merged while they arrive within COALESCE_MS, so a
 * piece waits at most until the next one arrives, and never more than COALESCE_MS when Groq keeps sending.
 */
export async function* relay<Meta, DoneExtra>(
  stream: TextStream,
  abort: AbortController,
  meta: Meta,
  finish: (text: string, complete: boolean) => Promise<DoneExtra>,
): AsyncGenerator<GenerationEvent<Meta, DoneExtra>> {
  let text = '';
  let pending = '';
  let lastSent = -Infinity;
  try {
    yield { event: 'meta', data: meta };
    try {
      for await (const piece of stream.pieces) {
        text += piece;
        pending += piece;
        const now = performance.now();
        if (now - lastSent >= COALESCE_MS || pending.length >= COALESCE_CHARS) {
          yield { event: 'delta', data: { text: pending } };
          pending = '';
          lastSent = now;
        }
      }
    } catch (err) {
      if (pending) yield { event: 'delta', data: { text: pending } };
      const g = err instanceof GenerationError ? err : new GenerationError(502, 'Generation failed.');
      yield { event: 'error', data: { status: g.status, error: 'generation_failed', message: g.message } };
      return;
    }
    if (pending) yield { event: 'delta', data: { text: pending } };
    const complete = stream.finished();
    yield { event: 'done', data: { complete, chars: text.length, ...(await finish(text, complete)) } };
  } finally {
    abort.abort();
  }
}

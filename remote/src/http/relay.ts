import { GenerationError, type TextStream } from '../generation.js';
import type { SseEvent } from './sse.js';

/**
 * The SSE sequence every generation endpoint sends: `meta`, then one `delta` per piece of text, then either
 * `done` (with what `finish` adds) or `error` if Groq failed mid-way. Groq's request is aborted whenever the
 * sequence ends, including when the client disconnects and the generator is closed early.
 */
export async function* relay(
  stream: TextStream,
  abort: AbortController,
  meta: object,
  finish: (text: string, complete: boolean) => Promise<object>,
): AsyncGenerator<SseEvent> {
  let text = '';
  try {
    yield { event: 'meta', data: meta };
    try {
      for await (const piece of stream.pieces) {
        text += piece;
        yield { event: 'delta', data: { text: piece } };
      }
    } catch (err) {
      const g = err instanceof GenerationError ? err : new GenerationError(502, 'Generation failed.');
      yield { event: 'error', data: { status: g.status, error: 'generation_failed', message: g.message } };
      return;
    }
    const complete = stream.finished();
    yield { event: 'done', data: { complete, chars: text.length, ...(await finish(text, complete)) } };
  } finally {
    abort.abort();
  }
}

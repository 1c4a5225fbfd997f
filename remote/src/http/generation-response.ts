import type { Context } from 'hono';
import { GenerationError, type ChatMessage, type TextStream } from '../generation.js';
import type { AppEnv, Services } from './context.js';
import { generationFailed } from './errors.js';
import { relay } from './relay.js';
import { sseResponse } from './sse.js';

export type Generation<Meta, DoneExtra> = {
  model: string;
  messages: ChatMessage[];
  meta: Meta;
  /** What `done` adds once the text is complete (or cut off), e.g. the citations; may also store the text. */
  finish: (text: string, complete: boolean) => Promise<DoneExtra>;
};

/**
 * What every generation route does once the caller and the body are checked: start Groq (a failure before the
 * stream begins is a plain JSON error with its own status), then relay the text as the protocol's SSE events.
 * A client that goes away aborts the Groq request.
 */
export async function generationResponse<Meta, DoneExtra>(c: Context<AppEnv>, s: Services, g: Generation<Meta, DoneExtra>): Promise<Response> {
  const abort = new AbortController();
  c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
  let stream: TextStream;
  try {
    stream = await s.generator.start(g.model, g.messages, abort.signal);
  } catch (err) {
    if (!(err instanceof GenerationError)) throw err;
    return generationFailed(c, err);
  }
  return sseResponse(s.metrics.observeStream(c, relay(stream, abort, g.meta, g.finish), 'groq'));
}

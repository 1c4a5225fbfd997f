/**
 * Reads the SSE body of a generation route (`meta`, `delta`s, then `done` or `error`) with eventsource-parser and
 * checks every event against the protocol's schema for that route. An `error` event becomes a RemoteError, so
 * whatever text was already shown stays shown; an unknown or malformed event is a `bad_response`; a stream that
 * ends with neither `done` nor `error` was cut off.
 */
import type { ChatEvent, Citation, PersonalizeEvent } from '@physical-ai-reader/protocol';
import { EventSourceParserStream, ParseError, type EventSourceMessage } from 'eventsource-parser/stream';
import type { z } from 'zod';
import { cancelled, describeNetworkError, RemoteError } from './remote-errors.js';

/** What a generation stream delivers: text as it arrives, then how it ended. */
export type StreamPart =
  | { type: 'text'; text: string }
  /** `model`: the one the service named in its `meta` event, kept with an online answer. */
  | { type: 'done'; complete: boolean; citations: Citation[]; model?: string };

export type GenerationEventSchema = z.ZodType<PersonalizeEvent> | z.ZodType<ChatEvent>;

/** Longest event the parser buffers: the service's events are a few KB, so anything near this is not ours. */
const MAX_EVENT_CHARS = 1024 * 1024;

export async function* generationParts(
  body: ReadableStream<BufferSource>,
  schema: GenerationEventSchema,
  stream: { idleMs: number; controller: AbortController; signal?: AbortSignal | undefined },
): AsyncGenerator<StreamPart> {
  const events = body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_EVENT_CHARS }))
    .getReader();
  let model: string | undefined;
  try {
    for (;;) {
      const message = await nextMessage(events, stream);
      if (!message) throw new RemoteError('offline', 'The answer was cut off before it finished.');
      const event = parseEvent(schema, message);
      switch (event.event) {
        case 'meta':
          if ('model' in event.data) model = event.data.model;
          continue;
        case 'delta':
          if (event.data.text) yield { type: 'text', text: event.data.text };
          continue;
        case 'done':
          yield {
            type: 'done',
            complete: event.data.complete,
            citations: 'citations' in event.data ? event.data.citations : [],
            ...(model ? { model } : {}),
          };
          return;
        case 'error': {
          const { status, message: why } = event.data;
          const kind = status === 429 ? 'rate_limited' : status === 503 ? 'unavailable' : 'bad_gateway';
          throw new RemoteError(kind, why || 'The text generator failed. Try again.', { status });
        }
      }
    }
  } finally {
    // Stopping early (the consumer broke out, an error) must close the connection.
    await events.cancel().catch(() => undefined);
  }
}

/** The next event, or null at the end of the body; a silence longer than `idleMs` aborts the request. */
async function nextMessage(
  events: ReadableStreamDefaultReader<EventSourceMessage>,
  { idleMs, controller, signal }: { idleMs: number; controller: AbortController; signal?: AbortSignal | undefined },
): Promise<EventSourceMessage | null> {
  let stalled = false;
  const timer = setTimeout(() => {
    stalled = true;
    controller.abort();
  }, idleMs);
  try {
    const next = await events.read();
    return next.done ? null : next.value;
  } catch (err) {
    if (stalled) throw new RemoteError('timeout', `The answer stalled for ${idleMs / 1000} s.`);
    if (signal?.aborted) throw cancelled(signal);
    if (err instanceof ParseError) throw new RemoteError('bad_response', `The service sent an unreadable stream (${err.message}).`);
    throw new RemoteError('offline', `The connection to the account service broke (${describeNetworkError(err)}).`);
  } finally {
    clearTimeout(timer);
  }
}

function parseEvent(schema: GenerationEventSchema, { event = 'message', data }: EventSourceMessage): PersonalizeEvent | ChatEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw new RemoteError('bad_response', `The service sent an unreadable "${event}" event.`);
  }
  const parsed = schema.safeParse({ event, data: json });
  if (!parsed.success) throw new RemoteError('bad_response', `The service sent an unexpected "${event}" event.`);
  return parsed.data;
}

/** One server-sent event; `data` is sent as a single line of JSON. The protocol's event unions fit this shape. */
export type SseEvent = { event: string; data: unknown };

const encoder = new TextEncoder();

export function encodeSse(e: SseEvent): Uint8Array {
  return encoder.encode(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
}

/**
 * A streaming response pulled from `events`: one event is produced only when the client has taken the previous
 * one (backpressure), and a client that goes away cancels the generator, which stops the upstream work.
 */
export function sseResponse<E extends SseEvent>(events: AsyncGenerator<E>, headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await events.next();
      if (next.done) controller.close();
      else controller.enqueue(encodeSse(next.value));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      ...headers,
    },
  });
}

/**
 * Engine events to the page as Server-Sent Events on `GET /api/events`: one core subscription per event name,
 * fanned out to every open stream.
 */
import type { ServerResponse } from 'node:http';
import { eventNames, type EventName, type ReaderEvents } from '../contract.js';

export interface EventSourceCore {
  on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): (() => void) | void;
}

export interface EventStreams {
  open(res: ServerResponse): void;
  close(): void;
}

const KEEPALIVE_MS = 25_000;

export function createEventStreams(core: EventSourceCore): EventStreams {
  const clients = new Set<ServerResponse>();
  const unsubscribe = eventNames.map((name) =>
    core.on(name, (payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of clients) res.write(frame);
    }),
  );
  const keepalive = setInterval(() => {
    for (const res of clients) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  return {
    open(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    close() {
      clearInterval(keepalive);
      for (const off of unsubscribe) if (typeof off === 'function') off();
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

/**
 * The reader core as the hosts see it when it runs in another process: every contract method (built from the
 * method list, no per-method code) and `on` for events, carried by messages. When the engine process dies, the
 * calls it was answering fail with an 'unavailable' error, a new process is started on the same data dir, and the
 * page hears `engineRestarted`; calls made meanwhile wait for the new process.
 */
import { EventEmitter } from 'node:events';
import {
  methodNames,
  ReaderError,
  type EventName,
  type MethodName,
  type ReaderCoreMethods,
  type ReaderEvents,
} from '../contract.js';
import { connectEngine, type EngineConnection } from './engine-connection.js';
import type { EngineChannel, EngineOptions } from './protocol.js';
import { logger } from '../logging/program-log.js';

const log = logger('engine');

export type RemoteCore = ReaderCoreMethods & {
  on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void;
  bookDir(bookId: string): Promise<string | null>;
  /** Settles when the first engine process is ready, or failed to start. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
};

/** Starts tried in a row before giving up (a process that dies while starting would otherwise loop forever). */
const MAX_START_ATTEMPTS = 3;
const RESTART_DELAY_MS = 500;
const ENGINE_RESTARTED_MESSAGE = "The reader's engine stopped and was restarted. If something you just did is missing, please do it again.";

/** Callers see a failed (re)start through their own calls and `ready`; this only keeps it from being unhandled. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export function startRemoteCore(spawn: () => EngineChannel, options: EngineOptions): RemoteCore {
  const events = new EventEmitter();
  let closed = false;

  const handlers = {
    onEvent: (event: EventName, payload: unknown) => events.emit(event, payload),
    onCrash: (reason: string) => {
      if (closed) return;
      log.error('the engine process stopped; starting it again', { reason });
      current = quiet(launch(true));
    },
  };
  /** Starts an engine process, trying again when one dies or fails while starting (the cause may be passing). */
  async function launch(afterCrash: boolean): Promise<EngineConnection> {
    for (let attempt = 1; ; attempt++) {
      try {
        const connection = await connectEngine(spawn(), options, handlers);
        const payload: ReaderEvents['engineRestarted'] = { message: ENGINE_RESTARTED_MESSAGE };
        if (afterCrash) events.emit('engineRestarted', payload);
        return connection;
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        if (closed || attempt >= MAX_START_ATTEMPTS) {
          log.error('giving up starting the engine', { why });
          throw new ReaderError('unavailable', `The reader's engine could not start, so the reader must be restarted. ${why}`);
        }
        log.error('the engine did not start; trying again', { why });
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
      }
    }
  }

  let current = quiet(launch(false));

  const call = async (method: MethodName, input: unknown) => (await current).call(method, input);
  const methods = Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input)]));

  return {
    ...(methods as ReaderCoreMethods),
    ready: quiet(current.then(() => undefined)),
    on(event, listener) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    bookDir: async (bookId) => (await current).bookDir(bookId),
    async close() {
      closed = true;
      events.removeAllListeners();
      await (await current.catch(() => null))?.close();
    },
  };
}

/**
 * The host's side of one engine process: numbered calls matched to their answers, events passed on, and every call
 * still waiting rejected with a clear error the moment the process is gone.
 */
import { ReaderError, type EventName, type MethodName } from '../contract.js';
import { FromEngineSchema, type EngineChannel, type EngineOptions, type FromEngine } from './protocol.js';
import { logger } from '../logging/program-log.js';

export interface EngineConnection {
  call(method: MethodName, input: unknown): Promise<unknown>;
  bookDir(bookId: string): Promise<string | null>;
  /** Asks the engine to close its core and exit; ends it by force when it has not within `timeoutMs`. */
  close(timeoutMs?: number): Promise<void>;
}

export interface ConnectHandlers {
  onEvent(event: EventName, payload: unknown): void;
  /** The process ended without being asked to (a crash, a kill): after `ready` only. */
  onCrash(reason: string): void;
}

const CLOSE_TIMEOUT_MS = 5_000;
const ENGINE_STOPPED_MESSAGE = "The reader's engine stopped while doing this. It has been restarted: please try again.";

/** Starts the core in the process behind `channel`; resolves once it is ready (the bundled book imported). */
export function connectEngine(channel: EngineChannel, options: EngineOptions, handlers: ConnectHandlers): Promise<EngineConnection> {
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 0;
  let exited = false;
  let closing = false;
  let whenExited!: () => void;
  const exitedPromise = new Promise<void>((resolve) => (whenExited = resolve));

  const request = (send: (id: number) => void) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited) return reject(new ReaderError('unavailable', ENGINE_STOPPED_MESSAGE));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send(id);
    });

  const connection: EngineConnection = {
    call: (method, input) => request((id) => channel.send({ kind: 'call', id, method, input })),
    bookDir: async (bookId) => {
      const dir = await request((id) => channel.send({ kind: 'bookDir', id, bookId }));
      return typeof dir === 'string' ? dir : null;
    },
    async close(timeoutMs = CLOSE_TIMEOUT_MS) {
      if (exited) return;
      closing = true;
      channel.send({ kind: 'close' });
      const timer = setTimeout(() => channel.kill(), timeoutMs);
      await exitedPromise;
      clearTimeout(timer);
    },
  };

  return new Promise((resolve, reject) => {
    let ready = false;
    const settle = (message: FromEngine) => {
      if (message.kind === 'ready') {
        ready = true;
        return resolve(connection);
      }
      if (message.kind === 'startFailed') return reject(new Error(`The reader engine could not start: ${message.message}`));
      if (message.kind === 'event') return handlers.onEvent(message.event, message.payload);
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.kind === 'result') return call.resolve(message.result);
      // 'internal' carries only the generic message (already logged in the engine); the hosts show it for any
      // error that is not a ReaderError.
      const { code, message: text, details } = message.error;
      call.reject(code === 'internal' ? new Error(text) : new ReaderError(code, text, details));
    };
    channel.onMessage((raw) => {
      const parsed = FromEngineSchema.safeParse(raw);
      if (parsed.success) settle(parsed.data);
      else logger('engine').error('ignored a malformed message from the engine process');
    });
    channel.onExit((reason) => {
      exited = true;
      whenExited();
      for (const call of pending.values()) call.reject(new ReaderError('unavailable', ENGINE_STOPPED_MESSAGE));
      pending.clear();
      if (!ready) reject(new Error(`The reader engine stopped before it was ready (${reason}).`));
      else if (!closing) handlers.onCrash(reason);
    });
    channel.send({ kind: 'start', options });
  });
}

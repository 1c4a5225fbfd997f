/**
 * The engine process: creates the reader core and answers the host's messages (protocol.ts). Runs as a Node child
 * process (the web host; messages over the IPC channel) or as an Electron utilityProcess (messages over its
 * parentPort). Heavy work here, such as the first import of the bundled book, never blocks the host's thread.
 */
import { desktopConfig } from '../config/desktop-config.js';
import { eventNames, methods } from '../contract.js';
import { failure } from '../hosting/envelope.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { ToEngineSchema, type FromEngine } from './protocol.js';
import { logger, startLogging } from '../logging/program-log.js';

const log = logger('engine');

/** The part of Electron's utilityProcess `process.parentPort` used here (the core never imports electron). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
const send = (message: FromEngine): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};
const onMessage = (listener: (raw: unknown) => void): void => {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
};

let core: ReaderCore | null = null;

async function answer(id: number, context: string, work: () => Promise<unknown>): Promise<void> {
  try {
    send({ kind: 'result', id, result: (await work()) ?? null });
  } catch (err) {
    // Unknown errors are logged here, in the engine, and leave it as `internal` with the generic message.
    send({ kind: 'error', id, error: failure(err, context, log).error });
  }
}

async function close(): Promise<void> {
  await core?.close();
  process.exit(0);
}

onMessage((raw) => {
  const parsed = ToEngineSchema.safeParse(raw);
  if (!parsed.success) return log.error('ignored a malformed message');
  const message = parsed.data;
  if (message.kind === 'close') return void close();
  if (message.kind === 'start') {
    if (core) return;
    try {
      // Loaded here, inside the try, so a bad variable reaches the host as startFailed naming it.
      const config = desktopConfig();
      const { logToStderr, ...options } = message.options;
      startLogging({ program: 'engine', dataDir: options.dataDir, config, development: logToStderr ?? false });
      core = createReaderCore({ ...options, config });
    } catch (err) {
      send({ kind: 'startFailed', message: err instanceof Error ? err.message : String(err) });
      return process.exit(1);
    }
    const started = core;
    for (const event of eventNames) started.on(event, (payload) => send({ kind: 'event', event, payload }));
    return send({ kind: 'ready' });
  }
  const ready = core;
  if (!ready) return send({ kind: 'error', id: message.id, error: { code: 'unavailable', message: 'The reader engine has not started.', details: {} } });
  if (message.kind === 'bookDir') return void answer(message.id, 'bookDir', async () => ready.bookDir(message.bookId));
  // Input is checked again here: this process trusts no sender, whatever the host already checked.
  const fn = ready[message.method] as (input: unknown) => Promise<unknown>;
  void answer(message.id, message.method, async () => fn.call(ready, methods[message.method].input.parse(message.input)));
});

// The host going away (its end of the channel closed) ends the engine too, cleanly.
process.on('disconnect', () => void close());

/**
 * The Electron host of the ReaderApi: one handler per contract method, registered in a loop (no per-method code).
 * Each call is refused unless it comes from the main frame of our window showing our own page; input is parsed
 * with the method's schema; the result or a safe error travels back in an envelope. Engine events are forwarded
 * to the window. The core arrives as a promise so the window can show while the first launch imports the bundled
 * book; calls made meanwhile simply wait for it.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { eventNames, methodNames, methods, type ReaderCoreMethods, type ReaderEvents } from '../core/contract.js';
import { EVENT_CHANNEL, methodChannel, type EventMessage } from './ipc-channels.js';
import { failure, success, type Envelope } from '../core/hosting/envelope.js';
import { isTrustedSender } from './trusted-sender.js';
import { logger } from '../core/logging/program-log.js';

const log = logger('ipc');

export interface EventSource {
  on<E extends keyof ReaderEvents>(event: E, listener: (payload: ReaderEvents[E]) => void): (() => void) | void;
}

export function bindReaderApi(
  coreReady: Promise<ReaderCoreMethods & EventSource>,
  getWindow: () => BrowserWindow | null,
  devServerUrl: string | null,
): () => void {
  for (const name of methodNames) {
    ipcMain.handle(methodChannel(name), async (event, raw: unknown): Promise<Envelope> => {
      const win = getWindow();
      const mainFrame = win && !win.isDestroyed() ? win.webContents.mainFrame : null;
      if (!isTrustedSender(event.senderFrame, mainFrame, devServerUrl)) {
        log.warn('refused a call from an untrusted frame', { method: name, frame: event.senderFrame?.url ?? null });
        throw new Error('Refused.');
      }
      try {
        const input = methods[name].input.parse(raw);
        const core = await coreReady;
        const fn = core[name] as (input: unknown) => Promise<unknown>;
        return success((await fn.call(core, input)) ?? null);
      } catch (err) {
        return failure(err, name, log);
      }
    });
  }

  const unsubscribers: ((() => void) | void)[] = [];
  let unbound = false;
  coreReady.then(
    (core) => {
      if (unbound) return;
      for (const eventName of eventNames) {
        unsubscribers.push(
          core.on(eventName, (payload) => {
            const win = getWindow();
            if (!win || win.isDestroyed()) return;
            const message: EventMessage = { event: eventName, payload };
            win.webContents.send(EVENT_CHANNEL, message);
          }),
        );
      }
    },
    () => {}, // a core that failed to start is reported by whoever created it; calls get the generic error
  );

  return () => {
    unbound = true;
    for (const name of methodNames) ipcMain.removeHandler(methodChannel(name));
    for (const off of unsubscribers) off?.();
  };
}

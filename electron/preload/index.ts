/**
 * The only bridge between the page and the app: `window.reader`, one function per ReaderApi method plus `on` for
 * engine events. The method and event names are baked in at build time (electron.vite.config.ts), because a
 * sandboxed preload can require nothing but 'electron': no zod, no contract code at run time. Input is validated
 * in the main process; here calls are only forwarded and result envelopes unwrapped.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, ReaderApi } from '../core/contract.js';
import type { Envelope } from '../core/hosting/envelope.js';
import { EVENT_CHANNEL, methodChannel, type EventMessage } from '../main/ipc-channels.js';

declare const __READER_METHOD_NAMES__: string[];
declare const __READER_EVENT_NAMES__: string[];

async function call(name: string, input: unknown): Promise<unknown> {
  const envelope = (await ipcRenderer.invoke(methodChannel(name), input ?? {})) as Envelope;
  // Thrown as the plain SerializedError: contextBridge copies a plain object whole, but keeps only the message of an
  // Error. The page turns it into its error class, as it does the web host's.
  if (!envelope.ok) throw envelope.error;
  return envelope.value;
}

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!__READER_EVENT_NAMES__.includes(event)) throw new Error(`Unknown reader event "${String(event)}".`);
  const forward = (_e: IpcRendererEvent, message: EventMessage) => {
    if (message.event === event) listener(message.payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
}

const api: Record<string, unknown> = { on };
for (const name of __READER_METHOD_NAMES__) api[name] = (input: unknown) => call(name, input);

contextBridge.exposeInMainWorld('reader', api as ReaderApi);

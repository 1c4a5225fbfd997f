/**
 * Browser-side `window.reader` for the web host: the ReaderApi over fetch and EventSource. Served as a module script
 * before the app's own, so the renderer finds the same `window.reader` it gets from the Electron preload.
 * It is generic: any method name becomes `POST /api/<name>`, so new contract methods need nothing here.
 * Written against `globalThis` with the few browser types it needs declared below, so it typechecks with or
 * without the DOM library.
 */
import type { EventName, ReaderApi, ReaderEvents } from '../contract';

interface MessageLike {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (message: MessageLike) => void): void;
}
type BrowserGlobals = typeof globalThis & {
  EventSource: new (url: string) => EventSourceLike;
  reader?: ReaderApi;
};
const browser = globalThis as BrowserGlobals;

async function call(method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input ?? {}),
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as { result?: unknown; error?: string };
  if (!response.ok) throw new Error(body.error ?? `The reader did not answer (HTTP ${response.status}).`);
  return body.result;
}

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let source: EventSourceLike | null = null;

function subscribe(event: string): void {
  source ??= new browser.EventSource('/api/events');
  source.addEventListener(event, (message) => {
    const payload: unknown = JSON.parse(message.data);
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });
}

function on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void {
  let set = listeners.get(event);
  if (!set) {
    set = new Set();
    listeners.set(event, set);
    subscribe(event);
  }
  const entry = listener as Listener;
  set.add(entry);
  return () => set.delete(entry);
}

browser.reader = new Proxy({} as ReaderApi, {
  get(_target, prop) {
    if (prop === 'on') return on;
    // Not a thenable, and no symbols: only plain method names become calls.
    if (typeof prop !== 'string' || prop === 'then') return undefined;
    return (input: unknown) => call(prop, input);
  },
});

/**
 * Browser-side `window.reader` for the web host: the ReaderApi over fetch and EventSource, authenticated as
 * access-tokens.ts describes. Served as a module script
 * before the app's own, so the renderer finds the same `window.reader` it gets from the Electron preload.
 * It is generic: any method name becomes `POST /api/<name>`, so new contract methods need nothing here.
 * Written against `globalThis` with the few browser types it needs declared below, so it typechecks with or
 * without the DOM library.
 */
import type { ErrorCode, EventName, ReaderApi, ReaderEvents, SerializedError } from '../contract.js';

interface MessageLike {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (message: MessageLike) => void): void;
  close(): void;
}
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
type BrowserGlobals = typeof globalThis & {
  EventSource: new (url: string) => EventSourceLike;
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(state: null, unused: string, url: string): void };
  sessionStorage: StorageLike;
  reader?: ReaderApi;
};
const browser = globalThis as BrowserGlobals;

// sessionStorage is per tab and per origin (port included), so a reload keeps its connection and no other local
// page can read it; the launch token itself is never stored.
const TOKEN_STORE = 'reader.webHostToken';
const EVENTS_RETRY_MS = 1_000;

/**
 * Calls fail with the host's SerializedError as sent (the page turns it into its error class), or with one in the
 * same shape for what never reached the engine: no answer at all, or a refusal by the server itself.
 */
function refusal(code: ErrorCode, message: string): SerializedError {
  return { code, message, details: {} };
}

async function post(path: string, headers: Record<string, string>, input?: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input ?? {}),
    credentials: 'omit',
  }).catch(() => {
    throw refusal('unavailable', 'The reader did not answer. Is it still running?');
  });
  const body = (await response.json().catch(() => ({}))) as { result?: unknown; error?: SerializedError | string };
  if (response.ok) return body;
  if (typeof body.error === 'object') throw body.error;
  throw refusal('unavailable', body.error ?? `The reader did not answer (HTTP ${response.status}).`);
}

/** The launch token from the address (dropped from it at once), or the last session token of this tab. */
async function connect(): Promise<string> {
  const launch = /(?:^#|&)launch=([A-Za-z0-9_-]+)/.exec(browser.location.hash)?.[1];
  if (launch) browser.history.replaceState(null, '', browser.location.pathname + browser.location.search);
  const saved = browser.sessionStorage.getItem(TOKEN_STORE);
  const headers: Record<string, string> | null = launch ? { 'X-Reader-Launch': launch } : saved ? { 'X-Reader-Token': saved } : null;
  if (!headers) {
    throw refusal('unavailable', 'This page is not connected to the reader. Open the address the reader printed when it started.');
  }
  const { token } = (await post('/__reader/session', headers)) as { token: string };
  browser.sessionStorage.setItem(TOKEN_STORE, token);
  return token;
}

const session = connect();
// Every call reports the failure itself; this only keeps it from also showing as unhandled.
session.catch(() => undefined);

async function call(method: string, input: unknown): Promise<unknown> {
  const token = await session;
  const body = (await post(`/api/${encodeURIComponent(method)}`, { 'X-Reader-Token': token }, input)) as { result?: unknown };
  return body.result;
}

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let source: EventSourceLike | null = null;
let opening = false;

function dispatch(target: EventSourceLike, event: string): void {
  target.addEventListener(event, (message) => {
    const payload: unknown = JSON.parse(message.data);
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });
}

/**
 * One stream for every event, opened with a one-time ticket. A dropped stream cannot reconnect by itself (its
 * ticket is spent), so on any error it is closed and opened again with a new ticket.
 */
async function openEvents(): Promise<void> {
  if (source || opening) return;
  opening = true;
  let token: string;
  try {
    token = await session;
  } catch {
    opening = false;
    return; // not connected: every call says so, and there is nothing to listen to
  }
  try {
    const { ticket } = (await post('/__reader/events-ticket', { 'X-Reader-Token': token })) as { ticket: string };
    const stream = new browser.EventSource(`/api/events?ticket=${encodeURIComponent(ticket)}`);
    for (const event of listeners.keys()) dispatch(stream, event);
    stream.addEventListener('error', () => {
      stream.close();
      if (source === stream) source = null;
      setTimeout(() => void openEvents(), EVENTS_RETRY_MS);
    });
    source = stream;
  } catch {
    setTimeout(() => void openEvents(), EVENTS_RETRY_MS);
  } finally {
    opening = false;
  }
}

function subscribe(event: string): void {
  if (source) dispatch(source, event);
  else void openEvents();
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

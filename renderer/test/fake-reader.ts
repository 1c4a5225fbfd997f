/**
 * A stand-in for `window.reader` in the page's unit tests: it has only the methods a test gives it (calling any
 * other fails with the method's name), records every call, and sends engine events when the test says so. The real
 * engine behind the real bridge is covered by the e2e specs; these tests are about the page's own state machines.
 *
 * Import this module before any page module: renderer/src/reader.ts reads `window.reader` once, when it loads.
 */
import type { EventName, ReaderApi, ReaderEvents } from '../../electron/core/contract.js';

type Methods = Omit<ReaderApi, 'on'>;
type MethodName = keyof Methods;
type Listener = (payload: never) => void;

let methods: Partial<Methods> = {};
const listeners = new Map<EventName, Set<Listener>>();

const calls: { method: MethodName; input: unknown }[] = [];

/** Gives the fake the methods the next test uses, forgetting earlier ones, recorded calls and listeners. */
export function fakeMethods(next: Partial<Methods>): void {
  methods = next;
  calls.length = 0;
  listeners.clear();
}

/** Sends an engine event to whatever the page subscribed with `reader.on`. */
export function emit<E extends EventName>(event: E, payload: ReaderEvents[E]): void {
  for (const listener of listeners.get(event) ?? []) (listener as (p: ReaderEvents[E]) => void)(payload);
}

/** Inputs of the recorded calls to one method, in order. */
export function inputsOf<K extends MethodName>(method: K): Parameters<Methods[K]>[0][] {
  return calls.filter((c) => c.method === method).map((c) => c.input as Parameters<Methods[K]>[0]);
}

function on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void {
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  set.add(listener as Listener);
  return () => set.delete(listener as Listener);
}

function call(method: MethodName, input: unknown): Promise<unknown> {
  const impl = methods[method] as ((input: unknown) => Promise<unknown>) | undefined;
  if (!impl) return Promise.reject(new Error(`fake window.reader: this test gave no ${method}()`));
  calls.push({ method, input });
  return impl(input);
}

// The page reaches every method through this proxy; the cast is the fake's one claim to be a whole ReaderApi.
window.reader = new Proxy({ on } as unknown as ReaderApi, {
  get: (target, name) => (name === 'on' ? target.on : (input: unknown) => call(name as MethodName, input)),
});

/** A promise the test settles when it wants, to put answers in a chosen order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Errors as the page sees them. Either host rejects a failed call with the engine's SerializedError (contract.ts);
 * `withReaderErrors` re-throws it as the core's own ReaderError class so the page decides by `code` and `details`,
 * never by the wording. No DOM here, so the host tests can use it as the page does.
 */
import type { ReaderApi, SerializedError } from '../../electron/core/contract.js';
import { ReaderError } from '../../electron/core/reader-error.js';

export { ReaderError };

function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, details } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' && typeof details === 'object' && details !== null;
}

/** Anything a call rejected with, as a ReaderError; what is not the shape (a bug) becomes `internal`. */
export function toReaderError(err: unknown): ReaderError {
  if (err instanceof ReaderError) return err;
  if (isSerializedError(err)) return new ReaderError(err.code, err.message, err.details);
  return new ReaderError('internal', err instanceof Error ? err.message : String(err));
}

/** The host's `window.reader` with every method's failure re-thrown as a ReaderError; `on` as it is. */
export function withReaderErrors(api: ReaderApi): ReaderApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'on' || typeof value !== 'function') return value;
      return (input: unknown) =>
        (value as (input: unknown) => Promise<unknown>).call(target, input).catch((err: unknown) => {
          throw toReaderError(err);
        });
    },
  });
}

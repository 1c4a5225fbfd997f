/**
 * Account failures in the one error model: a RemoteError becomes a ReaderError whose code the page acts on (sign in
 * again, wait, retry later, fix a field), with the service's finer kind, field and Retry-After as details.
 * Anything else is passed on for the host's `failure` to log and hide.
 */
import { ReaderError, type ErrorCode } from '../contract.js';
import { isRemoteError, RemoteError, type RemoteErrorKind } from './remote-errors.js';

const CODE: Record<RemoteErrorKind, Exclude<ErrorCode, 'internal'>> = {
  offline: 'offline',
  timeout: 'timeout',
  unauthorized: 'unauthorized',
  rate_limited: 'rate_limited',
  unavailable: 'unavailable',
  bad_gateway: 'unavailable',
  server: 'unavailable',
  bad_response: 'unavailable',
  rejected: 'invalid_input',
};

export function asReaderError(err: unknown): unknown {
  if (isRemoteError(err)) {
    const { field, retryAfterSeconds } = err.details;
    return new ReaderError(CODE[err.kind], err.message, {
      kind: err.kind,
      ...(field ? { field } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  return err;
}

/** Runs `work`, re-throwing its failure in the one model. */
export async function inReaderErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asReaderError(err);
  }
}

/**
 * The service answers every refused sign-up alike, naming no field, and means the email (SIGN_UP_REFUSED in
 * remote/src/http/errors.ts): the refusal is put on that field so the form can show it there.
 */
export function onEmailField(err: unknown): never {
  if (isRemoteError(err, 'rejected') && !err.details.field) {
    throw new RemoteError('rejected', err.message, { ...err.details, field: 'email' });
  }
  throw err;
}

/**
 * What a host sends back for a ReaderApi call, shared by the Electron IPC host and the web host so both carry the
 * same error whole (code, message, details) to the page. Over IPC results travel in this envelope instead of as
 * thrown errors because Electron rewrites thrown messages ("Error invoking remote method ...") and drops their
 * properties; the page-side end of either host hands the SerializedError to the page unchanged.
 */
import { z } from 'zod';
import { ErrorDetailsSchema, ReaderError, type SerializedError } from '../contract.js';
import { logger } from '../logging/program-log.js';
import type { Logger } from '../logging/logger.js';

export type Failure = { ok: false; error: SerializedError };
export type Envelope = { ok: true; value: unknown } | Failure;

export const INTERNAL_MESSAGE = 'Something went wrong in the reader. Please try again.';

export function success(value: unknown): Envelope {
  return { ok: true, value };
}

/**
 * Any thrown value as an error safe to show: ReaderError and bad input as they are (details reduced to the known
 * keys, so nothing else rides along), everything else `internal` with a generic message and logged under
 * `context`, so a stack or a path never reaches the page.
 */
export function failure(err: unknown, context: string, log: Logger = logger('hosting')): Failure {
  if (err instanceof ReaderError) {
    const details = ErrorDetailsSchema.safeParse(err.details);
    return { ok: false, error: { code: err.code, message: err.message, details: details.success ? details.data : {} } };
  }
  if (err instanceof z.ZodError) {
    const message = err.issues
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    const path = err.issues[0]?.path ?? [];
    const details = path.length ? { field: path.join('.') } : {};
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input: ${message}`, details } };
  }
  // Only the context (a method name) and the error are logged: never the input, cookies or keys.
  log.error(`${context} failed`, { error: err });
  return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE, details: {} } };
}

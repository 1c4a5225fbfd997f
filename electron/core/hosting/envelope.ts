/**
 * What a host sends back for a ReaderApi call, shared by the Electron IPC host and the web host so both report the
 * same codes and messages. Over IPC results travel in this envelope instead of as thrown errors because Electron
 * rewrites thrown messages ("Error invoking remote method ..."); the preload unwraps it and throws an Error carrying
 * the same message and code the web host gives, so the page cannot tell the hosts apart.
 */
import { z } from 'zod';
import { ReaderError } from '../contract';

export type ErrorCode = ReaderError['code'] | 'internal';
export type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: ErrorCode; message: string } };

export const INTERNAL_MESSAGE = 'Something went wrong in the reader. Please try again.';

export function success(value: unknown): Envelope {
  return { ok: true, value };
}

/** Maps any failure to a message safe to show: ReaderError and bad input as they are, everything else generic. */
export function failure(err: unknown): Envelope {
  if (err instanceof ReaderError) return { ok: false, error: { code: err.code, message: err.message } };
  if (err instanceof z.ZodError) {
    const message = err.issues
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input: ${message}` } };
  }
  return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
}

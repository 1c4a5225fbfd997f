import type { ServiceError } from '@physical-ai-reader/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';

export function jsonError(c: Context<AppEnv>, status: ContentfulStatusCode, body: ServiceError, headers: Record<string, string> = {}) {
  c.set('errorKind', body.error);
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status);
}

export function tooMany(c: Context, retryAfter: number, message = 'Too many requests; try again later.') {
  return jsonError(c, 429, { error: 'rate_limited', message, retryAfter }, { 'Retry-After': String(retryAfter) });
}

/**
 * Every sign-up better-auth refuses gets this one answer, so a taken email cannot be told from any other
 * refusal (better-auth's own "USER_ALREADY_EXISTS" would tell anyone which emails have accounts). It names the
 * email so the desktop's sign-up form shows it on the email field, where the reader can change it or sign in.
 */
export const SIGN_UP_REFUSED: ServiceError = {
  error: 'sign_up_refused',
  message: 'Could not create an account with this email and password; if you already have an account, sign in instead.',
};

export const DATABASE_DOWN: ServiceError = {
  error: 'database_unavailable',
  message: 'The account database cannot be reached right now; try again shortly.',
};

/** A generation failure before streaming began: its own status, and Retry-After for 429. */
export function generationFailed(c: Context, err: { status: 429 | 502 | 503; message: string; retryAfterSeconds?: number | undefined }) {
  const headers: Record<string, string> = err.retryAfterSeconds ? { 'Retry-After': String(err.retryAfterSeconds) } : {};
  const code = err.status === 503 ? 'generation_unavailable' : err.status === 429 ? 'rate_limited' : 'generation_failed';
  return jsonError(c, err.status, { error: code, message: err.message, retryAfter: err.retryAfterSeconds }, headers);
}

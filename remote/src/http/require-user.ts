import type { ReaderClaims } from '@physical-ai-reader/protocol';
import type { Context } from 'hono';
import { InvalidTokenError } from '../token-verifier.js';
import type { AppEnv, Services } from './context.js';
import { jsonError } from './errors.js';

type Outcome = { claims: ReaderClaims | undefined } | { response: Response };

/**
 * Reads `Authorization: Bearer <JWT>`. Missing header: anonymous unless `required`. A header that is present
 * but does not verify, or whose session has ended, is always a 401 (never a silent downgrade to anonymous).
 */
export async function authenticate(c: Context<AppEnv>, s: Services, required: boolean): Promise<Outcome> {
  const header = c.req.header('authorization');
  const challenge = { 'WWW-Authenticate': 'Bearer realm="reader"' };
  if (!header) {
    if (!required) return { claims: undefined };
    return { response: jsonError(c, 401, { error: 'unauthorized', message: 'Sign in first: a Bearer token is required.' }, challenge) };
  }
  const match = /^Bearer ([^\s]+)$/i.exec(header);
  try {
    if (!match) throw new InvalidTokenError('not a bearer token');
    const claims = await s.verifier.verify(match[1]!);
    // A valid signature is not enough: the session it was minted from must not have been signed out.
    if (!(await s.sessions.isActive(claims.sid))) throw new InvalidTokenError('session ended');
    c.set('user', claims);
    return { claims };
  } catch (err) {
    if (!(err instanceof InvalidTokenError)) throw err;
    // The reason goes to the request log only; the client just learns that the token was refused.
    c.set('authFailure', err.reason);
    s.metrics.jwtFailures.inc({ reason: err.reason });
    return {
      response: jsonError(
        c,
        401,
        { error: 'invalid_token', message: 'The token is invalid or expired; get a fresh one from /api/auth/token.' },
        { 'WWW-Authenticate': 'Bearer realm="reader", error="invalid_token"' },
      ),
    };
  }
}

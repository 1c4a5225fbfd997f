import { signInRequest, signUpRequest, updateUserRequest } from '@physical-ai-reader/protocol';
import { hashPassword } from 'better-auth/crypto';
import { Hono } from 'hono';
import type { z } from 'zod';
import { AUTH_BASE_PATH, CLIENT_IP_HEADER } from '../auth.js';
import { isDatabaseUnavailable } from '../db/pool.js';
import type { AppEnv, Services } from '../http/context.js';
import { DATABASE_DOWN, SIGN_UP_REFUSED, jsonError } from '../http/errors.js';
import { limitBody } from '../http/limit-body.js';
import { invalidInput } from '../http/parse-body.js';

const AUTH_BODY_MAX = 16 * 1024;
const FETCH_METADATA = ['sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user'];
const SIGN_UP_PATH = `${AUTH_BASE_PATH}/sign-up/email`;

/** Bodies we check ourselves before better-auth sees them, for clear field-level 400s. */
const VALIDATED: Record<string, z.ZodType> = {
  [SIGN_UP_PATH]: signUpRequest,
  [`${AUTH_BASE_PATH}/sign-in/email`]: signInRequest,
  [`${AUTH_BASE_PATH}/update-user`]: updateUserRequest,
};

/** better-auth behind our validation, client-IP and error mapping. */
export function authRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.use('*', limitBody(AUTH_BODY_MAX, `Request body is limited to ${AUTH_BODY_MAX} bytes.`));
  app.on(['GET', 'POST'], '*', async (c) => {
    const path = new URL(c.req.url).pathname;
    const body = c.req.method === 'POST' ? await c.req.text() : undefined;
    const schema = VALIDATED[path];
    let password: string | undefined;
    if (schema) {
      let json: unknown;
      try {
        json = JSON.parse(body ?? '');
      } catch {
        return jsonError(c, 400, { error: 'invalid_json', message: 'The request body must be JSON.' });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) return invalidInput(c, parsed.error);
      password = (parsed.data as { password?: string }).password;
    }
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_IP_HEADER, c.get('clientIp'));
    // better-auth treats any Sec-Fetch-* header as "a browser" and then demands an Origin. Node's fetch (the
    // desktop app) sends Sec-Fetch-Mode but no Origin and no cookies: it carries a bearer token, which a
    // cross-site page cannot forge, so there is no CSRF to stop. Real browsers always send Origin on POST and
    // keep the full check.
    if (!headers.has('origin') && !headers.has('cookie')) for (const h of FETCH_METADATA) headers.delete(h);
    let res: Response;
    try {
      res = await s.auth.handler(new Request(c.req.url, { method: c.req.method, headers, body }));
    } catch (err) {
      if (isDatabaseUnavailable(err) || !(await databaseReachable(s))) return jsonError(c, 503, DATABASE_DOWN);
      throw err;
    }
    if (res.status === 429) {
      // better-auth says X-Retry-After; standard clients look for Retry-After.
      const retry = res.headers.get('x-retry-after') ?? '60';
      const copy = new Response(res.body, res);
      copy.headers.set('Retry-After', retry);
      return copy;
    }
    // Our field checks (400 above) say nothing about other accounts; what better-auth refuses after them may.
    if (path === SIGN_UP_PATH && res.status >= 400 && res.status < 500) {
      // A new account costs a password hash before its answer; a refusal spends the same, so its timing does not
      // tell an existing email apart either.
      if (password) await hashPassword(password);
      return jsonError(c, 400, SIGN_UP_REFUSED);
    }
    // better-auth reports a lost database as a generic 500; tell the client it is temporary.
    if (res.status >= 500 && !(await databaseReachable(s))) return jsonError(c, 503, DATABASE_DOWN);
    return res;
  });
  return app;
}

export async function databaseReachable(s: Services): Promise<boolean> {
  try {
    await s.db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

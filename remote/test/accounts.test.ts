import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { mintJwt, newAccount, postJson, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let remote: TestRemote;
const ALLOWED_ORIGIN = 'https://reader.example.test';

beforeAll(async () => {
  pg = await startTempPostgres();
  remote = await startTestRemote({ DATABASE_URL: pg.url, CORS_ORIGINS: ALLOWED_ORIGIN, JWT_AUDIENCE: 'reader-tests', JWT_TTL_SECONDS: '600' });
});
afterAll(async () => {
  await remote?.close();
  await pg?.destroy();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('accounts', () => {
  it('signs up with a background, reads the session, updates the profile and signs out', async () => {
    const account = newAccount({ softwareBackground: 'intermediate', hardwareBackground: 'robotics', softwareDetail: 'Python, some C++' });
    const { sessionToken, user } = await signUp(remote.url, account);
    expect(user).toMatchObject({ email: account.email, name: account.name, softwareBackground: 'intermediate', hardwareBackground: 'robotics', softwareDetail: 'Python, some C++' });
    expect(user).not.toHaveProperty('password');

    const session = await (await fetch(`${remote.url}/api/auth/get-session`, { headers: bearer(sessionToken) })).json();
    expect(session.user).toMatchObject({ id: user.id, hardwareBackground: 'robotics' });

    let res = await postJson(`${remote.url}/api/auth/update-user`, { hardwareBackground: 'industrial', hardwareDetail: 'KUKA arms' }, bearer(sessionToken));
    expect(res.status).toBe(200);
    const claims = decodeJwt(await mintJwt(remote.url, sessionToken));
    expect(claims.hardwareBackground).toBe('industrial');

    res = await postJson(`${remote.url}/api/auth/update-user`, { softwareBackground: 'wizard' }, bearer(sessionToken));
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual({ softwareBackground: 'must be one of none, beginner, intermediate, advanced' });

    res = await postJson(`${remote.url}/api/auth/sign-out`, {}, bearer(sessionToken));
    expect(res.status).toBe(200);
    res = await fetch(`${remote.url}/api/auth/token`, { headers: bearer(sessionToken) });
    expect(res.status).toBe(401);
  });

  it('signs in with the password and refuses a wrong one', async () => {
    const { account } = await signUp(remote.url);
    let res = await postJson(`${remote.url}/api/auth/sign-in/email`, { email: account.email, password: account.password });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(typeof body.token).toBe('string');
    expect(body.user.softwareBackground).toBe('beginner');
    res = await postJson(`${remote.url}/api/auth/sign-in/email`, { email: account.email, password: 'wrong password!' });
    expect(res.status).toBe(401);
  });

  it.each([
    ['softwareBackground', { softwareBackground: 'expert' }, /must be one of none, beginner/],
    ['hardwareBackground', { hardwareBackground: 'lab' }, /must be one of none, hobbyist, robotics, industrial/],
    ['softwareBackground', { softwareBackground: undefined }, /must be one of/],
    ['softwareDetail', { softwareDetail: 'x'.repeat(201) }, /at most 200 characters/],
    ['hardwareDetail', { hardwareDetail: 'x'.repeat(201) }, /at most 200 characters/],
    ['password', { password: 'x'.repeat(7) }, /at least 8/],
    ['password', { password: 'x'.repeat(129) }, /at most 128/],
    ['email', { email: 'not-an-email' }, /valid email/],
  ])('refuses a sign-up with a bad %s with a field-level 400', async (field, patch, message) => {
    const res = await postJson(`${remote.url}/api/auth/sign-up/email`, newAccount(patch));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid_input');
    expect(body.fields[field]).toMatch(message);
  });

  it('holds server-side sign-ups (not through HTTP) to the same background rules', async () => {
    const signUpEmail = (patch: Record<string, unknown>) =>
      // The body is deliberately outside the declared types.
      remote.services.auth.api.signUpEmail({ body: newAccount(patch) as never });
    await expect(signUpEmail({ softwareBackground: 'guru' })).rejects.toThrow(/must be one of/);
    await expect(signUpEmail({ hardwareDetail: 'x'.repeat(201) })).rejects.toThrow(/at most 200/);
  });

  it('accepts passwords of exactly 8 and 128 characters and details of 200', async () => {
    await signUp(remote.url, newAccount({ password: 'p'.repeat(8), softwareDetail: 's'.repeat(200) }));
    await signUp(remote.url, newAccount({ password: 'p'.repeat(128), hardwareDetail: 'h'.repeat(200) }));
  });

  it('serves non-browser clients (Node fetch: Sec-Fetch-Mode, no Origin) but keeps the origin check for cookie requests', async () => {
    const account = newAccount();
    let res = await postJson(`${remote.url}/api/auth/sign-up/email`, account, { 'sec-fetch-mode': 'cors' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    res = await postJson(`${remote.url}/api/auth/update-user`, { name: 'Hijacked' }, { cookie, origin: 'https://evil.example.test', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' });
    expect(res.status).toBe(403);
    res = await postJson(`${remote.url}/api/auth/update-user`, { name: 'Changed' }, { cookie, origin: ALLOWED_ORIGIN });
    expect(res.status).toBe(200);
  });

  it('refuses a second account on the same email without saying that the email is taken', async () => {
    const { account } = await signUp(remote.url);
    const duplicate = await postJson(`${remote.url}/api/auth/sign-up/email`, { ...account, password: 'another password' });
    const text = await duplicate.text();
    expect(text).not.toMatch(/USER_ALREADY_EXISTS|exist|taken|another email/i);
    // Exactly what a refusal that has nothing to do with the email gets (here: a callback URL we do not trust).
    const other = await postJson(`${remote.url}/api/auth/sign-up/email`, newAccount({ callbackURL: 'https://evil.example.test/welcome' }));
    expect(duplicate.status).toBe(other.status);
    expect(text).toBe(await other.text());
    expect(duplicate.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      error: 'sign_up_refused',
      message: 'Could not create an account with this email and password; if you already have an account, sign in instead.',
    });
  });

  it('refuses a sign-up body that is not JSON', async () => {
    const raw = await fetch(`${remote.url}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(raw.status).toBe(400);
    expect((await raw.json()).error).toBe('invalid_json');
  });
});

describe('JWTs', () => {
  it('are RS256, carry only the trimmed claims, and verify against /api/auth/jwks over HTTP like any external verifier', async () => {
    const { sessionToken, user, account } = await signUp(remote.url);
    const jwt = await mintJwt(remote.url, sessionToken);
    const header = decodeProtectedHeader(jwt);
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');
    const jwks = createRemoteJWKSet(new URL(`${remote.url}/api/auth/jwks`));
    const { payload } = await jwtVerify(jwt, jwks, { algorithms: ['RS256'], issuer: remote.url, audience: 'reader-tests' });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'exp', 'hardwareBackground', 'iat', 'iss', 'name', 'sid', 'softwareBackground', 'sub']);
    expect(payload).toMatchObject({ sub: user.id, email: account.email, name: account.name, softwareBackground: 'beginner', hardwareBackground: 'hobbyist' });
    expect(payload.exp! - payload.iat!).toBe(600);
  });

  it('publishes only public key material', async () => {
    const { keys } = await (await fetch(`${remote.url}/api/auth/jwks`)).json();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256' });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(secret);
    }
  });

  it('are also delivered in the set-auth-jwt header of get-session', async () => {
    const { sessionToken } = await signUp(remote.url);
    const res = await fetch(`${remote.url}/api/auth/get-session`, { headers: bearer(sessionToken) });
    expect(decodeProtectedHeader(res.headers.get('set-auth-jwt')!).alg).toBe('RS256');
  });
});

describe('service surface', () => {
  it('reports health with database, generation and version', async () => {
    const res = await fetch(`${remote.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: expect.any(String), database: { reachable: true, kind: 'postgres' }, generation: { configured: true } });
  });

  it('allows CORS only for configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${remote.url}/api/personalize`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect((await preflight(ALLOWED_ORIGIN)).headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect((await preflight('https://evil.example.test')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown paths with a JSON 404 and refuses oversized auth bodies', async () => {
    expect((await fetch(`${remote.url}/nope`)).status).toBe(404);
    const res = await postJson(`${remote.url}/api/auth/sign-up/email`, newAccount({ name: 'x'.repeat(20_000) }));
    expect(res.status).toBe(413);
  });

  it('writes structured request logs with no passwords, tokens or cookies', async () => {
    const { account, sessionToken } = await signUp(remote.url);
    const jwt = await mintJwt(remote.url, sessionToken);
    await postJson(`${remote.url}/api/auth/sign-in/email`, { email: account.email, password: account.password });
    const text = JSON.stringify(remote.logs);
    for (const secret of [account.password, sessionToken, jwt, jwt.split('.')[2]!]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization|cookie/i);
    const entry = remote.logs.find((e) => e.path === '/api/auth/sign-in/email')!;
    expect(entry).toMatchObject({ event: 'request', method: 'POST', status: 200, ip: '127.0.0.1', ms: expect.any(Number), id: expect.any(String) });
  });
});

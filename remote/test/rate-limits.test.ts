import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapter, mintJwt, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
/** Two instances on one database, like two replicas behind a load balancer, neither trusting proxies. */
let a: TestRemote;
let b: TestRemote;
/** A third instance that trusts 127.0.0.1 as its reverse proxy. */
let proxied: TestRemote;

const limits = { AUTH_RATE_MAX: '5', AUTH_RATE_WINDOW_SECONDS: '900', GEN_RATE_USER_MAX: '3', GEN_RATE_ANON_MAX: '2', GEN_RATE_WINDOW_SECONDS: '600' };

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq()]);
  // Replicas share one issuer (in production: the same PUBLIC_URL or JWT_ISSUER), so tokens work on either.
  const env = { DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url, JWT_ISSUER: 'https://reader-remote.example.test', ...limits };
  a = await startTestRemote(env);
  b = await startTestRemote(env);
  proxied = await startTestRemote({ ...env, TRUSTED_PROXY: '127.0.0.1' });
});
afterAll(async () => {
  for (const r of [a, b, proxied]) await r?.close();
  await groq?.close();
  await pg?.destroy();
});

const signIn = (base: string, headers: Record<string, string> = {}) =>
  postJson(`${base}/api/auth/sign-in/email`, { email: 'nobody@example.test', password: 'not the password' }, headers);

describe('sign-in limit per client IP, shared through Postgres', () => {
  it('allows 5 attempts in the window across both instances, then 429 with Retry-After, whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(i % 2 ? b.url : a.url)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (const [base, headers] of [[a.url, {}], [b.url, {}], [a.url, { 'x-forwarded-for': '198.51.100.1' }]] as const) {
      const res = await signIn(base, headers);
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get('retry-after'));
      expect(retry).toBeGreaterThan(800);
      expect(retry).toBeLessThanOrEqual(900);
    }
  });

  it('behind a trusted proxy, counts the forwarded client address instead', async () => {
    // 127.0.0.1 itself is used up by the test above; the forwarded clients have their own allowance.
    expect((await signIn(proxied.url)).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await signIn(proxied.url, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(401);
    expect((await signIn(proxied.url, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    // A client cannot escape by prepending a fake hop: the rightmost untrusted address counts.
    expect((await signIn(proxied.url, { 'x-forwarded-for': '10.9.9.9, 203.0.113.7' })).status).toBe(429);
    expect((await signIn(proxied.url, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(401);
  });
});

describe('generation limits', () => {
  it('limits personalization per user, across instances, without calling Groq once limited', async () => {
    const jwt = await mintJwt(a.url, (await signUp(a.url)).sessionToken);
    for (let i = 0; i < 3; i++) {
      const res = await postJson(`${(i % 2 ? b : a).url}/api/personalize`, chapter(`# L${i}\n`), { authorization: `Bearer ${jwt}` });
      expect(res.status).toBe(200);
      await readSse(res);
    }
    const calls = groq.calls;
    const res = await postJson(`${b.url}/api/personalize`, chapter('# L3\n'), { authorization: `Bearer ${jwt}` });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(groq.calls).toBe(calls);
  });

  it('gives anonymous chat a smaller allowance per address than signed-in chat', async () => {
    const body = { question: 'q', passages: [{ id: 'p', title: 't', text: 'x' }] };
    for (let i = 0; i < 2; i++) {
      const res = await postJson(`${a.url}/v1/chat`, body);
      expect(res.status).toBe(200);
      await readSse(res);
    }
    const limited = await postJson(`${b.url}/v1/chat`, body);
    expect(limited.status).toBe(429);
    expect((await limited.json()).message).toMatch(/sign in/);
    const jwt = await mintJwt(a.url, (await signUp(a.url)).sessionToken);
    const signedIn = await postJson(`${a.url}/v1/chat`, body, { authorization: `Bearer ${jwt}` });
    expect(signedIn.status).toBe(200);
    await readSse(signedIn);
  });
});

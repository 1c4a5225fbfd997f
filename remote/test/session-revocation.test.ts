import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapter, mintJwt, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
/** Two replicas on one database: the sign-out reaches one, the stolen JWT is tried on both. */
let a: TestRemote;
let b: TestRemote;

const CACHE_SECONDS = 1;

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq({ text: 'Rewritten.' })]);
  const env = { DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url, JWT_ISSUER: 'https://reader-remote.example.test', SESSION_CHECK_CACHE_SECONDS: String(CACHE_SECONDS), GEN_RATE_USER_MAX: '1000' };
  a = await startTestRemote(env);
  b = await startTestRemote(env);
});
afterAll(async () => {
  for (const r of [a, b]) await r?.close();
  await groq?.close();
  await pg?.destroy();
});

const passages = [{ id: 'p1', title: 'Policies', text: 'A policy maps states to actions.' }];
const personalize = (base: string, jwt: string) => postJson(`${base}/api/personalize`, chapter(`# Revoked ${Math.random()}\n`), { authorization: `Bearer ${jwt}` });
const chat = (base: string, jwt: string) => postJson(`${base}/v1/chat`, { question: 'Why?', passages }, { authorization: `Bearer ${jwt}` });

async function statusOf(res: Promise<Response>): Promise<number> {
  const r = await res;
  if (r.status === 200) await readSse(r);
  else await r.arrayBuffer();
  return r.status;
}

describe('JWTs of a session that ended', () => {
  it('carry the session id, and stop working on every instance within the check cache time after sign-out', async () => {
    const { sessionToken } = await signUp(a.url);
    const jwt = await mintJwt(a.url, sessionToken);
    expect(typeof decodeJwt(jwt).sid).toBe('string');
    // Used (and so cached as valid) on both instances before the sign-out.
    expect(await statusOf(personalize(a.url, jwt))).toBe(200);
    expect(await statusOf(chat(b.url, jwt))).toBe(200);

    const out = await postJson(`${a.url}/api/auth/sign-out`, {}, { authorization: `Bearer ${sessionToken}` });
    expect(out.status).toBe(200);

    // The JWT itself is still unexpired for ~15 minutes; the session check is what refuses it.
    await expect.poll(() => statusOf(personalize(b.url, jwt)), { timeout: CACHE_SECONDS * 1000 + 1500, interval: 200 }).toBe(401);
    await expect.poll(() => statusOf(chat(a.url, jwt)), { timeout: CACHE_SECONDS * 1000 + 1500, interval: 200 }).toBe(401);
    expect(await statusOf(personalize(a.url, jwt))).toBe(401);
    expect(await statusOf(chat(b.url, jwt))).toBe(401);
    const calls = groq.calls;
    const refused = await chat(b.url, jwt);
    expect(await refused.json()).toMatchObject({ error: 'invalid_token' });
    expect(groq.calls).toBe(calls);
  });

  it('keeps working for a session that is still signed in', async () => {
    const { sessionToken } = await signUp(a.url);
    const jwt = await mintJwt(a.url, sessionToken);
    // Another session of another reader ends; this one is unaffected.
    const other = await signUp(a.url);
    await postJson(`${a.url}/api/auth/sign-out`, {}, { authorization: `Bearer ${other.sessionToken}` });
    await new Promise((r) => setTimeout(r, CACHE_SECONDS * 1000 + 200));
    expect(await statusOf(personalize(b.url, jwt))).toBe(200);
    expect(await statusOf(chat(a.url, jwt))).toBe(200);
  });
});

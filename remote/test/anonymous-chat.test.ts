import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { mintJwt, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
/** Behind a trusted proxy (127.0.0.1), so each request can come from the address X-Forwarded-For names. */
let proxied: TestRemote;
/** The operator turned anonymous questions off. */
let signedInOnly: TestRemote;

const ANON_MAX = 2;
const GLOBAL_MAX = 5;

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq({ text: 'An answer [1].' })]);
  const env = { DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url, GEN_RATE_ANON_MAX: String(ANON_MAX), GEN_RATE_WINDOW_SECONDS: '600' };
  proxied = await startTestRemote({ ...env, TRUSTED_PROXY: '127.0.0.1', GEN_RATE_ANON_GLOBAL_MAX: String(GLOBAL_MAX) });
  signedInOnly = await startTestRemote({ ...env, ANON_CHAT: 'off' });
});
afterAll(async () => {
  for (const r of [proxied, signedInOnly]) await r?.close();
  await groq?.close();
  await pg?.destroy();
});

const body = { question: 'What is a policy?', passages: [{ id: 'p1', title: 'Policies', text: 'A policy maps states to actions.' }] };
const askFrom = (address: string) => postJson(`${proxied.url}/v1/chat`, body, { 'x-forwarded-for': address });

async function answered(res: Response) {
  expect(res.status).toBe(200);
  expect((await readSse(res)).at(-1)!.event).toBe('done');
}

// The tests share one window of counters, in this order: the /64 test uses 2 of the global budget.
describe('anonymous /v1/chat limits', () => {
  it('counts every address of one IPv6 /64 as one client (and an IPv4-mapped address as its IPv4)', async () => {
    await answered(await askFrom('2001:db8:1:2::1'));
    await answered(await askFrom('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    const calls = groq.calls;
    // A third address of the same /64: the allowance is used up.
    const limited = await askFrom('2001:db8:1:2:abcd::9');
    expect(limited.status).toBe(429);
    expect((await limited.json()).message).toMatch(/sign in/);
    expect(groq.calls).toBe(calls);

    // IPv4 keeps one allowance per address, the same whether it arrives plain or IPv4-mapped.
    await answered(await askFrom('198.51.100.20'));
    await answered(await askFrom('::ffff:198.51.100.20'));
    expect((await askFrom('198.51.100.20')).status).toBe(429);
  });

  it('refuses anonymous questions once the global budget is spent, whatever /64 they come from', async () => {
    // 4 answered above; the budget is 5.
    await answered(await askFrom('2001:db8:aaaa:1::1'));
    const calls = groq.calls;
    for (const address of ['2001:db8:bbbb:1::1', '2001:db8:cccc:1::1', '203.0.113.99']) {
      const res = await askFrom(address);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(groq.calls).toBe(calls);
    // Signed-in readers have their own allowance and are not held by the anonymous budget.
    const jwt = await mintJwt(proxied.url, (await signUp(proxied.url)).sessionToken);
    await answered(await postJson(`${proxied.url}/v1/chat`, body, { authorization: `Bearer ${jwt}`, 'x-forwarded-for': '2001:db8:cccc:1::1' }));
  });

  it('with ANON_CHAT=off answers 401 asking to sign in, and signed-in questions still work', async () => {
    const calls = groq.calls;
    const res = await postJson(`${signedInOnly.url}/v1/chat`, body);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/sign in/i) });
    expect(groq.calls).toBe(calls);
    const jwt = await mintJwt(signedInOnly.url, (await signUp(signedInOnly.url)).sessionToken);
    await answered(await postJson(`${signedInOnly.url}/v1/chat`, body, { authorization: `Bearer ${jwt}` }));
  });
});

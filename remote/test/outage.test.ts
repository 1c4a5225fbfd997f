import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapter, mintJwt, newAccount, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
let remote: TestRemote;

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq()]);
  remote = await startTestRemote({ DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url });
});
afterAll(async () => {
  await remote?.close();
  await groq?.close();
  await pg?.destroy();
});

describe('database outage', () => {
  it('answers 503 while Postgres is down and recovers when it returns, with no account lost', async () => {
    const accounts = [];
    for (let i = 0; i < 5; i++) accounts.push((await signUp(remote.url)).account);
    const jwt = await mintJwt(remote.url, (await signUp(remote.url)).sessionToken);

    await pg.stop();
    const health = await fetch(`${remote.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', database: { reachable: false } });

    const signIn = await postJson(`${remote.url}/api/auth/sign-in/email`, { email: accounts[0]!.email, password: accounts[0]!.password });
    expect(signIn.status).toBe(503);
    expect(await signIn.json()).toMatchObject({ error: 'database_unavailable' });
    expect((await postJson(`${remote.url}/api/auth/sign-up/email`, newAccount())).status).toBe(503);

    const calls = groq.calls;
    const personalize = await postJson(`${remote.url}/api/personalize`, chapter('# Outage\n'), { authorization: `Bearer ${jwt}` });
    expect(personalize.status).toBe(503);
    expect(groq.calls).toBe(calls);

    await pg.start();
    expect((await fetch(`${remote.url}/health`)).status).toBe(200);
    for (const account of accounts) {
      const res = await postJson(`${remote.url}/api/auth/sign-in/email`, { email: account.email, password: account.password });
      expect(res.status).toBe(200);
    }
    await signUp(remote.url);
    const after = await postJson(`${remote.url}/api/personalize`, chapter('# Outage\n'), { authorization: `Bearer ${jwt}` });
    expect(after.status).toBe(200);
    expect((await readSse(after)).at(-1)!.event).toBe('done');
  });
});

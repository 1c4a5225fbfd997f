import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { chapter, mintJwt, postJson, readSse, signUp, startTestRemote, startRemoteProcess, tempDir } from './harness.js';

let groq: FakeGroq;
const dir = tempDir('reader-remote-embedded-');

beforeAll(async () => {
  groq = await startFakeGroq({ text: 'Rewritten on the embedded database.' });
});
afterAll(async () => {
  await groq?.close();
  dir.remove();
});

// No DATABASE_URL and no BETTER_AUTH_SECRET: exactly what `npm run remote` does on a fresh clone.
const embeddedEnv = () => ({ DATABASE_URL: undefined, BETTER_AUTH_SECRET: undefined, REMOTE_DATA_DIR: dir.path, GROQ_BASE_URL: groq.url });

describe('embedded database (no DATABASE_URL)', () => {
  it('starts with one command, works end to end, and keeps accounts, keys and cache across a restart', async () => {
    const first = await startRemoteProcess(embeddedEnv());
    let account;
    let jwt: string;
    try {
      expect(await (await fetch(`${first.url}/health`)).json()).toMatchObject({ status: 'ok', database: { reachable: true, kind: 'embedded' } });
      const signed = await signUp(first.url);
      account = signed.account;
      jwt = await mintJwt(first.url, signed.sessionToken);
      const res = await postJson(`${first.url}/api/personalize`, chapter('# Embedded\n'), { authorization: `Bearer ${jwt}` });
      expect((await readSse(res)).at(-1)).toMatchObject({ event: 'done', data: { complete: true } });
    } finally {
      // SIGTERM closes the server and PGlite cleanly; the restart below depends on that.
      expect(await first.close()).toBe(0);
    }
    // The generated secret is kept beside the data, readable only by its owner.
    const secretFile = join(dir.path, 'auth-secret');
    expect(existsSync(secretFile)).toBe(true);
    expect(statSync(secretFile).mode & 0o077).toBe(0);

    const second = await startTestRemote({ ...embeddedEnv(), JWT_ISSUER: undefined });
    try {
      const res = await postJson(`${second.url}/api/auth/sign-in/email`, { email: account.email, password: account.password });
      expect(res.status).toBe(200);
      // Same signing keys and secret after the restart: a fresh token from the new process verifies and the
      // personalized chapter comes from the cache.
      const fresh = await mintJwt(second.url, (await res.json()).token);
      const calls = groq.calls;
      await readSse(await postJson(`${second.url}/api/personalize`, chapter('# Embedded\n'), { authorization: `Bearer ${fresh}` }));
      expect(groq.calls).toBe(calls);
      const { keys } = await (await fetch(`${second.url}/api/auth/jwks`)).json();
      expect(keys.map((k: { kid: string }) => k.kid)).toContain(JSON.parse(Buffer.from(jwt!.split('.')[0]!, 'base64url').toString()).kid);
    } finally {
      await second.close();
    }
  });
});

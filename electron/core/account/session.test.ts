/**
 * The desktop session against the real remote service (embedded Postgres) and a real Secret Service
 * (run inside scripts/with-keyring.sh; in CI or under npm test a missing keyring is a failure).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringMissing, keytar, uniqueServiceName } from '../../../tests/fixtures/keyring.js';
import { startTestRemote, type TestRemote } from '../../../tests/fixtures/remote-service.js';
import { openAccountStore, type AccountStore } from './account-store.js';
import { createRemoteClient } from './remote-client.js';
import { AccountSession } from './session.js';
import { openVault } from './vault.js';
import { loadDesktopConfig } from '../config/desktop-config.js';

const noKeyring = await keyringMissing('account session');
const password = 'correct horse battery';

describe.skipIf(noKeyring !== null)('account session (real remote service, real keychain)', () => {
  let remote: TestRemote;
  const dirs: string[] = [];
  const services: string[] = [];
  const stores: AccountStore[] = [];
  let clockOffsetMs = 0;

  beforeAll(async () => {
    remote = await startTestRemote({ AUTH_RATE_MAX: '100' });
  });
  afterAll(async () => {
    await remote?.destroy();
    for (const store of stores) store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const service of services) await keytar.deletePassword(service, 'session').catch(() => false);
  });

  async function newSession(env: NodeJS.ProcessEnv = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'reader-account-'));
    const service = uniqueServiceName();
    dirs.push(dataDir);
    services.push(service);
    const store = openAccountStore(dataDir);
    stores.push(store);
    const vault = await openVault({ service });
    const session = new AccountSession({
      vault,
      store,
      remote: loadDesktopConfig({ READER_REMOTE_URL: remote.url, ...env }).remote,
      now: () => Date.now() + clockOffsetMs,
    });
    return { session, store, service, dataDir };
  }

  const email = (tag: string) => `${tag}-${Date.now()}@example.com`;
  const signUp = (s: AccountSession, address: string) =>
    s.signUp({ email: address, password, name: 'Ada', softwareBackground: 'beginner', hardwareBackground: 'hobbyist' });

  it('signs up, keeps the tokens only in the keychain, and confirms the profile online', async () => {
    const { session, service, dataDir } = await newSession();
    const address = email('ada');
    const status = await signUp(session, address);
    expect(status).toMatchObject({
      signedIn: true,
      verified: 'online',
      profile: { email: address, name: 'Ada', softwareBackground: 'beginner', hardwareBackground: 'hobbyist' },
      keychain: { persistent: true, notice: null },
    });
    const entry = JSON.parse((await keytar.getPassword(service, 'session')) ?? 'null');
    expect(entry.remoteUrl).toBe(remote.url);
    expect(entry.sessionToken.length).toBeGreaterThan(20);
    expect(entry.jwt.split('.')).toHaveLength(3);
    // Neither secret is anywhere in the data dir (SQLite, WAL, anything else), nor in the service's logs.
    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes(entry.sessionToken), file).toBe(false);
      expect(bytes.includes(entry.jwt), file).toBe(false);
      expect(bytes.includes(entry.sessionToken.split('.')[0]), file).toBe(false);
    }
    const logs = remote.logs.join('\n');
    expect(logs).not.toContain(entry.sessionToken.split('.')[0]);
    expect(logs).not.toContain(entry.jwt);
    expect((await session.status()).verified).toBe('online');
  });

  it('mints a new JWT with the session token when the current one nears expiry', async () => {
    const { session, service } = await newSession();
    await signUp(session, email('exp'));
    const before = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}').jwt as string;
    expect(await session.freshJwt()).toBe(before); // plenty of time left: no new token
    await new Promise((r) => setTimeout(r, 1100)); // a new token must differ in iat
    clockOffsetMs = 14.5 * 60_000; // 30 s before the 15-minute expiry: inside the refresh margin
    try {
      const after = await session.freshJwt();
      expect(after).not.toBe(before);
      expect(JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}').jwt).toBe(after);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('shows who is signed in from the cache while the service is down, expired token included, and refreshes when it returns', async () => {
    const { session, service } = await newSession();
    const address = email('offline');
    await signUp(session, address);
    const jwtBefore = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}').jwt as string;
    await remote.stop();
    try {
      const cached = await session.status();
      expect(cached).toMatchObject({ signedIn: true, verified: 'cache', tokenExpired: false, profile: { email: address } });
      expect(cached.offlineReason).toMatch(/Cannot reach/);
      clockOffsetMs = 60 * 60_000; // an hour later, still offline: the token has expired
      const stale = await session.status();
      expect(stale).toMatchObject({ signedIn: true, verified: 'cache', tokenExpired: true, profile: { email: address } });
    } finally {
      await remote.start();
    }
    clockOffsetMs = 0;
    // Make the held token look expired to the session, then let the network return: it is replaced.
    await new Promise((r) => setTimeout(r, 1100));
    clockOffsetMs = 16 * 60_000;
    try {
      await session.freshJwt();
    } finally {
      clockOffsetMs = 0;
    }
    const refreshed = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}').jwt as string;
    expect(refreshed).not.toBe(jwtBefore);
    expect(await session.status()).toMatchObject({ verified: 'online', tokenExpired: false });
  });

  it('refuses tokens from a service whose issuer is not the expected one, keeping nothing', async () => {
    const { session, service } = await newSession({ READER_REMOTE_ISSUER: 'https://someone-else.example' });
    await expect(signUp(session, email('iss'))).rejects.toMatchObject({ kind: 'bad_response' });
    expect(await keytar.getPassword(service, 'session')).toBeNull();
  });

  it('signs out cleanly when the session was revoked at the service', async () => {
    const { session, service } = await newSession();
    await signUp(session, email('revoked'));
    const entry = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}');
    // Revoke it behind the app's back (another device signing out, an admin).
    await createRemoteClient({ baseUrl: remote.url }).signOut(entry.sessionToken);
    expect(await session.status()).toMatchObject({ signedIn: false, profile: null });
    expect(await keytar.getPassword(service, 'session')).toBeNull();
  });

  it('updates the background and the next token carries it', async () => {
    const { session } = await newSession();
    await signUp(session, email('update'));
    const status = await session.updateBackground({ softwareBackground: 'advanced', hardwareBackground: 'robotics' });
    expect(status.profile).toMatchObject({ softwareBackground: 'advanced', hardwareBackground: 'robotics' });
    const claims = JSON.parse(Buffer.from((await session.freshJwt()).split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ softwareBackground: 'advanced', hardwareBackground: 'robotics' });
  });

  it('signs in to an existing account, and a wrong password is a 401', async () => {
    const first = await newSession();
    const address = email('again');
    await signUp(first.session, address);
    await first.session.signOut();
    const second = await newSession();
    const status = await second.session.signIn({ email: address, password });
    expect(status).toMatchObject({ signedIn: true, verified: 'online', profile: { email: address } });
    await expect(second.session.signIn({ email: address, password: 'wrong password' })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
  });

  it('reports a service with no generator configured as unavailable (503) with its message', async () => {
    const { session } = await newSession();
    await signUp(session, email('nogroq'));
    const stream = createRemoteClient({ baseUrl: remote.url }).personalize(await session.freshJwt(), {
      chapterId: 'c1',
      title: 'T',
      markdown: '# T\n\nText.',
    });
    await expect(stream.next()).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/GROQ|configured/i) });
  });

  it("signing in again keeps the reader's own personalized chapters, and another reader's sign-in removes them", async () => {
    const { session, store } = await newSession();
    const mine = email('keep');
    await signUp(session, mine);
    const chapter = { contentHash: 'h1', background: 'beginner/hobbyist', bookId: 'b', chapterId: 'c', markdown: '# mine' };
    store.savePersonalized(chapter);
    await session.signIn({ email: mine, password });
    expect(store.personalized('h1', 'beginner/hobbyist')).not.toBeNull();
    await signUp(session, email('other'));
    expect(store.personalized('h1', 'beginner/hobbyist')).toBeNull();
  });

  it('sign-out deletes the keychain entry, the profile and personalized chapters, and ends the remote session', async () => {
    const { session, service, store } = await newSession();
    await signUp(session, email('out'));
    const token = JSON.parse((await keytar.getPassword(service, 'session')) ?? '{}').sessionToken as string;
    store.savePersonalized({ contentHash: 'h', background: 'beginner/hobbyist', bookId: 'b', chapterId: 'c', markdown: '# mine' });
    expect(await session.signOut()).toEqual({ remoteSignedOut: true });
    expect(await keytar.getPassword(service, 'session')).toBeNull();
    expect(store.profile()).toBeNull();
    expect(store.personalized('h', 'beginner/hobbyist')).toBeNull();
    expect(await session.status()).toMatchObject({ signedIn: false });
    await expect(createRemoteClient({ baseUrl: remote.url }).mintJwt(token)).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});

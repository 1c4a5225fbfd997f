/**
 * The account commands as a lab admin runs them: real CLI processes, the real remote service, the real keychain
 * (scripts/with-keyring.sh). The password only ever travels on stdin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringMissing, keytar, uniqueServiceName } from '../../../tests/fixtures/keyring.js';
import { startTestRemote, type TestRemote } from '../../../tests/fixtures/remote-service.js';
import { runCli } from '../../../tests/fixtures/run-cli.js';

const noKeyring = await keyringMissing('reader account commands');

// Each CLI run is a fresh Node + tsx process (seconds on a busy machine), hence the long per-test limit.
describe.skipIf(noKeyring !== null)('reader signup / login / whoami / logout', { timeout: 180_000 }, () => {
  let remote: TestRemote;
  const service = uniqueServiceName();
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-cli-account-'));
  const email = `cli-${Date.now()}@example.com`;
  const password = 'typed on stdin only';

  beforeAll(async () => {
    remote = await startTestRemote({ AUTH_RATE_MAX: '100' });
  });
  afterAll(async () => {
    await remote?.destroy();
    await keytar.deletePassword(service, 'session').catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const reader = (args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) =>
    runCli(args, { stdin, env: { READER_KEYCHAIN_SERVICE: service, READER_DATA_DIR: dataDir, ...env } });

  it('refuses a password given as an argument', async () => {
    const r = await reader(['login', '--remote', remote.url, '--email', email, '--password', password]);
    expect(r.code).toBe(2);
    expect(await keytar.getPassword(service, 'session')).toBeNull();
  });

  it('signs up with the password from stdin and stores the session in the keychain', async () => {
    const r = await reader(
      ['signup', '--remote', remote.url, '--email', email, '--name', 'Lin', '--software', 'intermediate', '--hardware', 'industrial'],
      `${password}\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Account created/);
    expect(await keytar.getPassword(service, 'session')).toContain(remote.url);
  });

  it('whoami --json confirms online, then from the cache when the service is down', async () => {
    const online = await reader(['whoami', '--json']);
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout)).toEqual({
      email,
      name: 'Lin',
      softwareBackground: 'intermediate',
      hardwareBackground: 'industrial',
      verified: 'online',
    });
    await remote.stop();
    try {
      const cached = await reader(['whoami', '--json']);
      expect(cached.code).toBe(0);
      expect(JSON.parse(cached.stdout)).toMatchObject({ email, verified: 'cache' });
    } finally {
      await remote.start();
    }
  });

  it('logout deletes the keychain entry and whoami then exits non-zero', async () => {
    const out = await reader(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Signed out\./);
    expect(await keytar.getPassword(service, 'session')).toBeNull();
    const who = await reader(['whoami', '--json']);
    expect(who.code).toBe(1);
    expect(who.stdout).toBe('');
    expect(who.stderr).toMatch(/Not signed in/);
  });

  it('login without a usable keychain refuses to pretend, and keeps nothing', async () => {
    const r = await reader(['login', '--remote', remote.url, '--email', email], `${password}\n`, {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/reader-test-bus',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/session cannot be kept.*keychain/i);
    expect(await keytar.getPassword(service, 'session')).toBeNull();
  });

  it('login rejects a wrong password and accepts the right one, using --data as the data dir', async () => {
    const other = mkdtempSync(join(tmpdir(), 'reader-cli-account-data-'));
    try {
      const wrong = await reader(['login', '--remote', remote.url, '--email', email, '--data', other], 'not it\n');
      expect(wrong.code).toBe(1);
      expect(await keytar.getPassword(service, 'session')).toBeNull();
      const right = await reader(['login', '--remote', remote.url, '--email', email, '--data', other], `${password}\n`);
      expect(right.code).toBe(0);
      const who = await reader(['whoami', '--json', '--data', other]);
      expect(JSON.parse(who.stdout)).toMatchObject({ email, verified: 'online' });
      expect((await reader(['logout', '--data', other])).code).toBe(0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

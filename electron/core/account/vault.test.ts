import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { keyringMissing, keytar, uniqueServiceName } from '../../../tests/fixtures/keyring.js';
import { openVault, type Keychain } from './vault.js';

const run = promisify(execFile);
const noKeyring = await keyringMissing('keychain vault');
const secrets = { remoteUrl: 'http://127.0.0.1:4000', sessionToken: 'tok-abc.sig', jwt: 'h.p.s' };

describe.skipIf(noKeyring !== null)('keychain vault (real Secret Service)', () => {
  const used: string[] = [];
  afterEach(async () => {
    for (const service of used.splice(0)) await keytar.deletePassword(service, 'session').catch(() => false);
  });

  it('stores the secrets in the keychain under the configured service and erases them', async () => {
    const service = uniqueServiceName();
    used.push(service);
    const vault = await openVault({ service });
    expect(vault.persistent).toBe(true);
    expect(vault.unavailableReason).toBeNull();
    await vault.write(secrets);
    // Read straight from the keychain, not through the vault: the entry really is there.
    const raw = await keytar.getPassword(service, 'session');
    expect(JSON.parse(raw ?? 'null')).toEqual(secrets);
    // A second vault (a restarted app) sees the same session.
    expect(await (await openVault({ service })).read()).toEqual(secrets);
    await vault.erase();
    expect(await keytar.getPassword(service, 'session')).toBeNull();
    expect(await vault.read()).toBeNull();
    // The availability probe leaves nothing behind.
    expect(await keytar.getPassword(service, 'probe')).toBeNull();
  });

  it('removes an entry it cannot parse instead of keeping it', async () => {
    const service = uniqueServiceName();
    used.push(service);
    await keytar.setPassword(service, 'session', 'not json');
    const vault = await openVault({ service });
    expect(await vault.read()).toBeNull();
    expect(await keytar.getPassword(service, 'session')).toBeNull();
  });
});

describe('memory fallback', () => {
  it('with no Secret Service reachable, works for this run only, says so, and answers fast', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/fixtures/vault-child.ts'], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/reader-test-bus' },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    expect(result.persistent).toBe(false);
    expect(result.unavailableReason).toMatch(/keychain/i);
    expect(result.roundTrip).toBe('child-session-token');
    expect(result.afterErase).toBeNull();
    expect(result.openedInMs).toBeLessThan(1000);
  });

  it('degrades to memory when the keychain starts failing mid-run, never losing the session', async () => {
    let failing = false;
    const store = new Map<string, string>();
    // A keychain that works, then refuses everything (a keyring locked while the app runs).
    const flaky: Keychain = {
      async getPassword(s, a) {
        if (failing) throw new Error('locked');
        return store.get(`${s}/${a}`) ?? null;
      },
      async setPassword(s, a, p) {
        if (failing) throw new Error('locked');
        store.set(`${s}/${a}`, p);
      },
      async deletePassword(s, a) {
        if (failing) throw new Error('locked');
        return store.delete(`${s}/${a}`);
      },
    };
    const vault = await openVault({ service: 'svc', keychain: flaky });
    expect(vault.persistent).toBe(true);
    failing = true;
    await vault.write(secrets);
    expect(vault.persistent).toBe(false);
    expect(vault.unavailableReason).toMatch(/stopped working/);
    expect(await vault.read()).toEqual(secrets);
    expect(store.has('svc/session')).toBe(false);
  });

  it('treats a keychain that never answers as unavailable within the timeout', async () => {
    const hanging: Keychain = {
      getPassword: () => new Promise(() => {}),
      setPassword: () => new Promise(() => {}),
      deletePassword: () => new Promise(() => {}),
    };
    const started = Date.now();
    const vault = await openVault({ service: 'svc', keychain: hanging, timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(vault.persistent).toBe(false);
    expect(vault.unavailableReason).toMatch(/200 ms/);
  });
});

/**
 * For specs that sign in: the real remote service on loopback (embedded Postgres), a keychain entry of the spec's
 * own in the real Secret Service, and the web host pointed at both. The host is a child process started per test,
 * so it inherits the environment set here; everything is put back, and the keychain entry removed, after the spec.
 * Call at the top level of a spec (or inside a describe): it registers that scope's beforeAll and afterAll.
 */
import { keyringMissing, keytar, uniqueServiceName } from '../../fixtures/keyring.js';
import { startTestRemote, type TestRemote } from '../../fixtures/remote-service.js';
import { test } from './fixtures.js';

/** Sets the variables (undefined removes one) and returns what puts the previous values back. */
export function overrideEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  apply(vars);
  return () => apply(saved);
}

export interface SignedInEnv {
  /** The running service (set once beforeAll has run). */
  readonly remote: TestRemote;
  /** Why the keychain tests cannot run here, or null (see keyringMissing). */
  readonly noKeyring: string | null;
  /** The keychain service the app keeps its session under. */
  readonly service: string;
}

/** `serviceEnv` is the service's own configuration beyond the defaults (a fake Groq's address, say). */
export function signedInEnv(suite: string, serviceEnv: () => Record<string, string> = () => ({})): SignedInEnv {
  const service = uniqueServiceName();
  let remote: TestRemote | undefined;
  let noKeyring: string | null = null;
  let restore = () => {};
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    noKeyring = await keyringMissing(suite);
    remote = await startTestRemote({ AUTH_RATE_MAX: '100', ...serviceEnv() });
    restore = overrideEnv({ READER_REMOTE_URL: remote.url, READER_KEYCHAIN_SERVICE: service });
  });
  test.afterAll(async () => {
    restore();
    await keytar.deletePassword(service, 'session').catch(() => false);
    await remote?.destroy();
  });
  return {
    get remote() {
      if (!remote) throw new Error('the test service is not started yet (use it inside a test)');
      return remote;
    },
    get noKeyring() {
      return noKeyring;
    },
    service,
  };
}

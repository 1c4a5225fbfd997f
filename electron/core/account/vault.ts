/**
 * Where the session secrets live: the OS keychain through keytar, or, when no usable Secret Service exists (none
 * running, locked, native module missing), process memory for this run only. Nothing is ever written in clear
 * as a fallback; `persistent` tells the UI whether the session will be remembered.
 *
 * One keychain entry (service name configurable, account "session") holds the remote URL, the revocable session
 * token and the current JWT, so signing out is one delete.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_KEYCHAIN_SERVICE } from '../config/desktop-config.js';
const ACCOUNT = 'session';
const PROBE_ACCOUNT = 'probe';

export const StoredSecretsSchema = z.object({
  remoteUrl: z.string().url(),
  sessionToken: z.string().min(1),
  jwt: z.string().min(1).nullable(),
});
export type StoredSecrets = z.infer<typeof StoredSecretsSchema>;

/** The part of keytar we use; tests may pass the real module in directly. */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface Vault {
  /** True when secrets go to the OS keychain and survive a restart. */
  readonly persistent: boolean;
  /** Why the keychain is not used, in words a user can read; null when it is. */
  readonly unavailableReason: string | null;
  readonly service: string;
  read(): Promise<StoredSecrets | null>;
  write(secrets: StoredSecrets): Promise<void>;
  erase(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadKeytar(): Promise<Keychain> {
  const mod = (await import('keytar')) as unknown as Keychain & { default?: Keychain };
  return mod.default ?? mod;
}

/**
 * Checks that the keychain really stores and returns a value. A read alone is not enough: a locked or
 * collection-less gnome-keyring answers reads with null and only fails on write.
 */
async function probe(keychain: Keychain, service: string, timeoutMs: number): Promise<void> {
  const marker = randomBytes(8).toString('hex');
  await withTimeout(keychain.setPassword(service, PROBE_ACCOUNT, marker), timeoutMs, 'The keychain');
  const back = await withTimeout(keychain.getPassword(service, PROBE_ACCOUNT), timeoutMs, 'The keychain');
  await withTimeout(keychain.deletePassword(service, PROBE_ACCOUNT), timeoutMs, 'The keychain');
  if (back !== marker) throw new Error('The keychain did not return what was stored');
}

export interface OpenVaultOptions {
  /** Keychain entry name (the configured READER_KEYCHAIN_SERVICE where the app opens it). */
  service?: string;
  /** Bound on each keychain call; a desktop unlock prompt left unanswered counts as unavailable. */
  timeoutMs?: number;
  keychain?: Keychain;
  /** Lab policy `rememberSession: false`: keep the session in memory only, never in the keychain. */
  rememberSession?: boolean;
}

export const NOT_REMEMBERED_BY_POLICY = 'Your administrator set sessions to end when the app closes; the session is kept in memory only.';

export async function openVault(options: OpenVaultOptions = {}): Promise<Vault> {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? 3000;
  if (options.rememberSession === false) return new MemoryVault(service, NOT_REMEMBERED_BY_POLICY);
  let keychain: Keychain | null = null;
  let reason: string | null = null;
  try {
    keychain = options.keychain ?? (await loadKeytar());
    await probe(keychain, service, timeoutMs);
  } catch (err) {
    keychain = null;
    reason = `No usable OS keychain (${err instanceof Error ? err.message : String(err)}); the session lasts until the app closes.`;
  }
  return keychain ? new KeychainVault(service, keychain, timeoutMs) : new MemoryVault(service, reason);
}

class MemoryVault implements Vault {
  readonly persistent = false;
  private secrets: StoredSecrets | null = null;
  constructor(
    readonly service: string,
    readonly unavailableReason: string | null,
  ) {}
  async read() {
    return this.secrets;
  }
  async write(secrets: StoredSecrets) {
    this.secrets = StoredSecretsSchema.parse(secrets);
  }
  async erase() {
    this.secrets = null;
  }
}

/**
 * Keychain-backed; if the keychain stops answering mid-run (locked again, daemon gone) it degrades to memory
 * rather than losing the session or writing it anywhere else.
 */
class KeychainVault implements Vault {
  private fallback: MemoryVault | null = null;
  constructor(
    readonly service: string,
    private readonly keychain: Keychain,
    private readonly timeoutMs: number,
  ) {}
  get persistent() {
    return this.fallback === null;
  }
  get unavailableReason() {
    return this.fallback?.unavailableReason ?? null;
  }
  private degrade(err: unknown): MemoryVault {
    this.fallback ??= new MemoryVault(
      this.service,
      `The OS keychain stopped working (${err instanceof Error ? err.message : String(err)}); the session lasts until the app closes.`,
    );
    return this.fallback;
  }
  async read(): Promise<StoredSecrets | null> {
    if (this.fallback) return this.fallback.read();
    let raw: string | null;
    try {
      raw = await withTimeout(this.keychain.getPassword(this.service, ACCOUNT), this.timeoutMs, 'The keychain');
    } catch (err) {
      return this.degrade(err).read();
    }
    if (raw === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const result = StoredSecretsSchema.safeParse(parsed);
    // An entry we cannot understand is useless and may hold a secret: remove it rather than keep it around.
    if (!result.success) {
      await this.erase();
      return null;
    }
    return result.data;
  }
  async write(secrets: StoredSecrets): Promise<void> {
    const value = JSON.stringify(StoredSecretsSchema.parse(secrets));
    if (this.fallback) return this.fallback.write(secrets);
    try {
      await withTimeout(this.keychain.setPassword(this.service, ACCOUNT, value), this.timeoutMs, 'The keychain');
    } catch (err) {
      await this.degrade(err).write(secrets);
    }
  }
  async erase(): Promise<void> {
    await this.fallback?.erase();
    try {
      await withTimeout(this.keychain.deletePassword(this.service, ACCOUNT), this.timeoutMs, 'The keychain');
    } catch (err) {
      // Sign-out must still complete locally; report so the caller can tell the user the entry may remain.
      throw new Error(`Could not delete the keychain entry: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

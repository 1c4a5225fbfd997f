/**
 * The signed-in reader, online or offline. Signs up / in against the remote service, keeps the session token and
 * current JWT in the vault (nowhere else), mints a fresh JWT when the current one nears expiry, and caches the
 * JWKS and profile in SQLite so who is signed in can be shown, verified, with no network. A session the service
 * no longer honours (revoked, signed out elsewhere) is signed out here too.
 */
import type { ReaderClaims } from '@physical-ai-reader/protocol';
import type { JSONWebKeySet } from 'jose';
import { desktopConfig, type RemoteSettings } from '../config/desktop-config.js';
import type { AccountState, Background, Profile } from '../contract.js';
import type { AccountStore } from './account-store.js';
import { createRemoteClient, profileOf, type RemoteClient, type RemoteUser } from './remote-client.js';
import { isRemoteError, RemoteError } from './remote-errors.js';
import { expectedTokenClaims, normalizeRemoteUrl, resolveRemoteUrl } from './remote-settings.js';
import { checkToken, secondsLeft } from './token-check.js';
import type { StoredSecrets, Vault } from './vault.js';
import type { AccountPolicy } from '../policy/policy-types.js';
import { ReaderError } from '../contract.js';

/** Mint a new JWT when the current one has less than this left, so a request never leaves with a dying token. */
const REFRESH_MARGIN_SECONDS = 60;
const STATUS_TIMEOUT_MS = 4000;

export interface AccountSessionOptions {
  vault: Vault;
  store: AccountStore;
  /** The configured service and token expectations (default: this program's configuration). */
  remote?: RemoteSettings;
  now?: () => number;
  timeoutMs?: number;
  /** The lab policy's account keys (default: nothing locked). */
  policy?: AccountPolicy;
}

export type SignUpInput = Background & { email: string; password: string; name: string };

/** Failures worth falling back to the cache for: the service is out of reach or not answering properly. */
function unreachable(err: unknown): err is RemoteError {
  return isRemoteError(err) && ['offline', 'timeout', 'unavailable', 'bad_gateway', 'server'].includes(err.kind);
}

export class AccountSession {
  private readonly remote: RemoteSettings;
  private readonly now: () => number;
  private minting: Promise<string> | null = null;

  constructor(private readonly options: AccountSessionOptions) {
    this.remote = options.remote ?? desktopConfig().remote;
    this.now = options.now ?? Date.now;
  }

  get vault(): Vault {
    return this.options.vault;
  }

  /** The service new sessions go to (the current session keeps the one it was made with). */
  remoteUrl(explicit?: string): string {
    const locked = this.options.policy?.serviceUrl;
    if (locked) {
      // The administrator's address beats every other choice; asking for another one is refused, not ignored.
      const url = normalizeRemoteUrl(locked);
      if (explicit !== undefined && normalizeRemoteUrl(explicit) !== url) {
        throw new ReaderError('invalid_input', `The service address is managed by your administrator (${url}).`, { field: 'remoteUrl', kind: 'policy' });
      }
      return url;
    }
    return resolveRemoteUrl({ explicit, saved: this.options.store.remoteUrl() }, this.remote);
  }

  client(remoteUrl: string, timeoutMs = this.options.timeoutMs): RemoteClient {
    return createRemoteClient({ baseUrl: remoteUrl, timeoutMs });
  }

  async signUp(input: SignUpInput, remote?: string): Promise<AccountState> {
    this.checkKeychainPolicy();
    const remoteUrl = this.remoteUrl(remote);
    const { sessionToken, user } = await this.client(remoteUrl).signUp(input);
    return this.establish(remoteUrl, sessionToken, user);
  }

  async signIn(input: { email: string; password: string }, remote?: string): Promise<AccountState> {
    this.checkKeychainPolicy();
    const remoteUrl = this.remoteUrl(remote);
    const { sessionToken, user } = await this.client(remoteUrl).signIn(input);
    return this.establish(remoteUrl, sessionToken, user);
  }

  /** Lab policy `requireKeychain`: no session at all unless the OS keychain keeps it. */
  private checkKeychainPolicy(): void {
    if (!this.options.policy?.requireKeychain || this.options.vault.persistent) return;
    const why = this.options.vault.unavailableReason ?? 'No usable OS keychain.';
    throw new ReaderError('unavailable', `Your administrator requires the OS keychain for signing in, and it cannot be used here. ${why}`, { kind: 'policy' });
  }

  /** A new session replaces any old one; another reader's cached profile and chapters go first. */
  private async establish(remoteUrl: string, sessionToken: string, user: RemoteUser): Promise<AccountState> {
    const { store, vault } = this.options;
    const cachedProfile = store.profile();
    const previous = await vault.read();
    const sameReader = cachedProfile?.email.toLowerCase() === user.email.toLowerCase();
    if (!sameReader && (cachedProfile || previous)) store.forgetUser();
    // The replaced session is ended at its service too, without making this sign-in wait for it.
    if (previous && previous.sessionToken !== sessionToken) {
      void this.client(previous.remoteUrl).signOut(previous.sessionToken).catch(() => undefined);
    }
    const client = this.client(remoteUrl);
    // In this order: a service with no signing key yet creates one while minting, and the JWKS must include it.
    const jwt = await client.mintJwt(sessionToken);
    const jwks = await client.jwks();
    // Refuse a service whose tokens do not check out before anything is kept.
    await this.verify(jwt, jwks, remoteUrl, false);
    await vault.write({ remoteUrl, sessionToken, jwt });
    store.setRemoteUrl(remoteUrl);
    store.setJwks(remoteUrl, jwks);
    store.setProfile(profileOf(user));
    return this.statusFrom(remoteUrl, profileOf(user), 'online', false, null);
  }

  /**
   * Who is signed in. Asks the service when it can (refreshing the token, the JWKS and the profile); otherwise
   * verifies the cached JWT against the cached JWKS.
   */
  async status(): Promise<AccountState> {
    const secrets = await this.options.vault.read();
    if (!secrets) return this.signedOut();
    try {
      return await this.onlineStatus(secrets);
    } catch (err) {
      if (isRemoteError(err, 'unauthorized')) return this.signedOut();
      if (!unreachable(err)) throw err;
      return this.cachedStatus(secrets, err.message);
    }
  }

  private async onlineStatus(secrets: StoredSecrets): Promise<AccountState> {
    // Asked on every app start and panel open: fall back to the cache quickly when the network is a black hole.
    const client = this.client(secrets.remoteUrl, STATUS_TIMEOUT_MS);
    const user = await client.getSession(secrets.sessionToken);
    if (!user) {
      await this.forgetLocally();
      throw new RemoteError('unauthorized', 'The session has ended; sign in again.');
    }
    const jwt = await this.freshJwt();
    const jwks = await client.jwks();
    await this.verify(jwt, jwks, secrets.remoteUrl, false);
    this.options.store.setJwks(secrets.remoteUrl, jwks);
    this.options.store.setProfile(profileOf(user));
    return this.statusFrom(secrets.remoteUrl, profileOf(user), 'online', false, null);
  }

  private async cachedStatus(secrets: StoredSecrets, offlineReason: string): Promise<AccountState> {
    const checked = await this.verifiedLocally(secrets);
    if (!checked) return this.unverified(secrets.remoteUrl, offlineReason);
    const cached = this.options.store.profile();
    const { claims } = checked;
    // The claims are the verified truth; the cache only adds the free-text details the token does not carry.
    const profile: Profile = {
      email: claims.email,
      name: claims.name,
      softwareBackground: claims.softwareBackground,
      hardwareBackground: claims.hardwareBackground,
      softwareDetail: cached?.email === claims.email ? cached.softwareDetail : null,
      hardwareDetail: cached?.email === claims.email ? cached.hardwareDetail : null,
    };
    return this.statusFrom(secrets.remoteUrl, profile, 'cache', checked.expired, offlineReason);
  }

  /** The stored JWT checked against the cached JWKS, with no network; null when it cannot be verified. */
  private async verifiedLocally(secrets: StoredSecrets) {
    const jwks = this.options.store.jwks(secrets.remoteUrl);
    if (!secrets.jwt || !jwks) return null;
    try {
      return await this.verify(secrets.jwt, jwks as JSONWebKeySet, secrets.remoteUrl, true);
    } catch {
      return null;
    }
  }

  /** Who is signed in according to the verified stored token, without asking the service (fast, offline). */
  async localClaims(): Promise<ReaderClaims | null> {
    const secrets = await this.options.vault.read();
    return secrets ? ((await this.verifiedLocally(secrets))?.claims ?? null) : null;
  }

  /**
   * A JWT good for at least the refresh margin, minted with the session token when needed. Concurrent callers
   * share one mint. A session the service refuses signs the user out.
   */
  async freshJwt(): Promise<string> {
    const secrets = await this.options.vault.read();
    if (!secrets) throw new RemoteError('unauthorized', 'Not signed in.');
    if (secrets.jwt && secondsLeft(secrets.jwt, this.now()) > REFRESH_MARGIN_SECONDS) return secrets.jwt;
    this.minting ??= this.mint(secrets).finally(() => {
      this.minting = null;
    });
    return this.minting;
  }

  private async mint(secrets: StoredSecrets): Promise<string> {
    let jwt: string;
    try {
      jwt = await this.client(secrets.remoteUrl).mintJwt(secrets.sessionToken);
    } catch (err) {
      if (isRemoteError(err, 'unauthorized')) {
        await this.forgetLocally();
        throw new RemoteError('unauthorized', 'Your session has ended (signed out or revoked); sign in again.', {
          status: 401,
        });
      }
      throw err;
    }
    await this.options.vault.write({ ...secrets, jwt });
    return jwt;
  }

  async updateBackground(patch: Partial<Background> & { name?: string }): Promise<AccountState> {
    const secrets = await this.options.vault.read();
    if (!secrets) throw new RemoteError('unauthorized', 'Not signed in.');
    try {
      await this.client(secrets.remoteUrl).updateUser(secrets.sessionToken, patch);
    } catch (err) {
      if (isRemoteError(err, 'unauthorized')) await this.forgetLocally();
      throw err;
    }
    // The current JWT still carries the old background: drop it so the next one is minted with the change.
    await this.options.vault.write({ ...secrets, jwt: null });
    return this.status();
  }

  /**
   * Ends the session at the service when reachable, and always locally: the keychain entry, the cached profile
   * and every personalized chapter go.
   */
  async signOut(): Promise<{ remoteSignedOut: boolean }> {
    const secrets = await this.options.vault.read();
    let remoteSignedOut = false;
    if (secrets) {
      try {
        await this.client(secrets.remoteUrl).signOut(secrets.sessionToken);
        remoteSignedOut = true;
      } catch (err) {
        // Offline or already revoked: the local sign-out below is what matters on this machine.
        if (!isRemoteError(err)) throw err;
      }
    }
    await this.forgetLocally();
    return { remoteSignedOut };
  }

  private async forgetLocally(): Promise<void> {
    this.options.store.forgetUser();
    await this.options.vault.erase();
  }

  private verify(jwt: string, jwks: JSONWebKeySet, remoteUrl: string, allowExpired: boolean) {
    const expected = expectedTokenClaims(remoteUrl, this.remote);
    return checkToken(jwt, jwks, { ...expected, now: this.now(), allowExpired }).catch((err: unknown) => {
      throw new RemoteError(
        'bad_response',
        `The account service's token did not verify (${err instanceof Error ? err.message : String(err)}).`,
      );
    });
  }

  private keychain() {
    return { persistent: this.options.vault.persistent, notice: this.options.vault.unavailableReason };
  }

  private signedOut(): AccountState {
    return this.statusFrom(this.remoteUrl(), null, null, false, null);
  }

  /** A session exists but cannot be confirmed offline (no cached keys, or the token does not verify). */
  private unverified(remoteUrl: string, offlineReason: string): AccountState {
    return { ...this.statusFrom(remoteUrl, null, null, false, offlineReason), signedIn: true };
  }

  private statusFrom(
    remoteUrl: string,
    profile: Profile | null,
    verified: AccountState['verified'],
    tokenExpired: boolean,
    offlineReason: string | null,
  ): AccountState {
    return {
      signedIn: profile !== null,
      profile,
      verified,
      tokenExpired,
      offlineReason,
      remoteUrl,
      keychain: this.keychain(),
    };
  }
}

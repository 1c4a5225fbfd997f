import { readerClaims, type ReaderClaims } from '@physical-ai-reader/protocol';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';

/** Tokens above this are refused before any parsing (ours are about 800 bytes). */
export const MAX_TOKEN_BYTES = 4096;
/** A refetch of the key set for an unknown `kid` happens at most this often, so random kids cannot hammer the DB. */
const UNKNOWN_KID_REFRESH_MS = 30_000;
/** Key sets are re-read this often anyway, to pick up rotations. */
const KEYSET_MAX_AGE_MS = 10 * 60_000;
/** Past this many remembered tokens, expired ones are dropped (and all of them if that is not enough). */
const MAX_REMEMBERED = 10_000;

export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super('invalid or expired token');
  }
}

type VerifierOptions = {
  issuer: string;
  audience: string;
  maxTokenAgeSeconds: number;
  clockToleranceSeconds?: number;
  /** How long a verified token is trusted again without a new signature check; 0: check every time. Default 60 s. */
  rememberMs?: number;
};

/**
 * Verifies reader JWTs with jose exactly as an external consumer would: RS256 only, issuer and audience required,
 * exp/nbf/iat checked, keys looked up by `kid` in the published key set. The key set comes from `loadJwks`
 * (the same JSON served at /api/auth/jwks) and is kept in memory, so verification costs no I/O.
 * A token that verified is remembered (the same bytes verify the same way): a reader's next requests with it cost
 * a Map lookup instead of an RSA check, which under load held the event loop about 1 ms per request. A remembered
 * token still stops at its exp and its maximum age, and is checked again after `rememberMs` (so a key withdrawn
 * from the key set stops its tokens within that time too). Refusals are not remembered.
 */
export class TokenVerifier {
  private keySet: ReturnType<typeof createLocalJWKSet> | undefined;
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  private readonly remembered = new Map<string, { claims: ReaderClaims; until: number }>();

  constructor(
    private readonly loadJwks: () => Promise<JSONWebKeySet>,
    private readonly opts: VerifierOptions,
  ) {}

  async verify(token: string): Promise<ReaderClaims> {
    if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) throw new InvalidTokenError('token too large');
    const known = this.remembered.get(token);
    if (known && known.until > Date.now()) return known.claims;
    const claims = await this.verifySignature(token);
    this.remember(token, claims);
    return claims;
  }

  private remember(token: string, claims: ReaderClaims): void {
    const rememberMs = this.opts.rememberMs ?? 60_000;
    if (rememberMs <= 0) return;
    const now = Date.now();
    const until = Math.min(now + rememberMs, claims.exp * 1000, (claims.iat + this.opts.maxTokenAgeSeconds) * 1000);
    if (until <= now) return;
    if (this.remembered.size >= MAX_REMEMBERED) {
      for (const [t, entry] of this.remembered) if (entry.until <= now) this.remembered.delete(t);
      if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    }
    this.remembered.set(token, { claims, until });
  }

  private async verifySignature(token: string): Promise<ReaderClaims> {
    if (!this.keySet) await this.reload();
    // A periodic refresh that fails (database down) keeps the keys we have: they are still the published ones.
    else if (Date.now() - this.loadedAt > KEYSET_MAX_AGE_MS) await this.reload().catch(() => {});
    try {
      return await this.check(token);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
    }
    // Unknown kid: maybe the keys rotated since we loaded them.
    if (Date.now() - this.loadedAt > UNKNOWN_KID_REFRESH_MS) {
      await this.reload();
      try {
        return await this.check(token);
      } catch (err) {
        if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
      }
    }
    throw new InvalidTokenError('unknown kid');
  }

  private async check(token: string): Promise<ReaderClaims> {
    try {
      const { payload } = await jwtVerify(token, this.keySet!, {
        algorithms: ['RS256'],
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        maxTokenAge: this.opts.maxTokenAgeSeconds,
        clockTolerance: this.opts.clockToleranceSeconds ?? 5,
      });
      const claims = readerClaims.safeParse(payload);
      if (!claims.success) throw new InvalidTokenError('claims missing or malformed');
      return claims.data;
    } catch (err) {
      if (err instanceof InvalidTokenError) throw err;
      if (err instanceof errors.JWKSNoMatchingKey) throw err;
      if (err instanceof errors.JOSEError) throw new InvalidTokenError(err.code);
      throw new InvalidTokenError('malformed token');
    }
  }

  private reload(): Promise<void> {
    this.loading ??= this.loadJwks()
      .then((jwks) => {
        this.keySet = createLocalJWKSet(jwks);
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

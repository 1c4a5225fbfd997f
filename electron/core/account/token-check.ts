/**
 * Checks a reader JWT against a JWKS with jose, as the remote service does: RS256 only (no algorithm taken from
 * the token), issuer and audience required. Offline the desktop may accept an expired token to show who signed
 * in (the signature still proves it); it reports the expiry so callers refresh when the network returns.
 */
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { readerClaims, type ReaderClaims } from '@physical-ai-reader/protocol';

export interface TokenCheckOptions {
  issuer: string;
  audience: string;
  now: number;
  /** Accept a token past its expiry (offline identity); signature, issuer and audience still must hold. */
  allowExpired?: boolean;
}

export async function checkToken(
  token: string,
  jwks: JSONWebKeySet,
  options: TokenCheckOptions,
): Promise<{ claims: ReaderClaims; expired: boolean }> {
  const exp = decodeJwt(token).exp;
  const expired = typeof exp === 'number' && exp * 1000 <= options.now;
  // For an accepted expired token, judge it at the last instant it was valid; everything else is checked as usual.
  const at = expired && options.allowExpired && exp !== undefined ? (exp - 1) * 1000 : options.now;
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ['RS256'],
    issuer: options.issuer,
    audience: options.audience,
    currentDate: new Date(at),
    requiredClaims: ['exp', 'sub'],
  });
  return { claims: readerClaims.parse(payload), expired };
}

/** Seconds until the token expires by its own claim (not verified: only used to decide when to mint a new one). */
export function secondsLeft(token: string, now: number): number {
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? exp - now / 1000 : 0;
  } catch {
    return 0;
  }
}

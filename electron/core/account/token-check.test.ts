import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkToken, secondsLeft } from './token-check.js';

/** Offline identity checks with keys made here: what must pass and what must not. */
const issuer = 'http://127.0.0.1:4000';
const audience = 'physical-ai-reader';
const claims = { sid: 'session-1', email: 'a@example.com', name: 'A', softwareBackground: 'advanced', hardwareBackground: 'robotics' };
let jwks: JSONWebKeySet;
let key: CryptoKey;
let otherKey: CryptoKey;
const now = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = other.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] };
});

function token(opts: { iss?: string; aud?: string; exp?: number; signWith?: CryptoKey; kid?: string; payload?: object } = {}) {
  return new SignJWT({ ...claims, ...opts.payload })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
    .setSubject('user-1')
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? audience)
    .setIssuedAt(Math.floor(now / 1000) - 60)
    .setExpirationTime(opts.exp ?? Math.floor(now / 1000) + 600)
    .sign(opts.signWith ?? key);
}

const check = (t: string, allowExpired = false) => checkToken(t, jwks, { issuer, audience, now, allowExpired });

describe('offline token check', () => {
  it('accepts a good token and returns its claims', async () => {
    const { claims: c, expired } = await check(await token());
    expect(c).toMatchObject({ sub: 'user-1', email: 'a@example.com', softwareBackground: 'advanced' });
    expect(expired).toBe(false);
  });

  it('refuses a wrong issuer, a wrong audience, a foreign key, an unknown kid and a tampered payload', async () => {
    await expect(check(await token({ iss: 'https://evil.example' }))).rejects.toThrow();
    await expect(check(await token({ aud: 'someone-else' }))).rejects.toThrow();
    await expect(check(await token({ signWith: otherKey }))).rejects.toThrow();
    await expect(check(await token({ kid: 'nope' }))).rejects.toThrow();
    const [h, , s] = (await token()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user-1', softwareBackground: 'none', iss: issuer, aud: audience, exp: 9e9 })).toString('base64url');
    await expect(check(`${h}.${forged}.${s}`)).rejects.toThrow();
  });

  it('refuses alg none and HS256 keyed with the public key (algorithm pinned to RS256)', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const body = b64({ ...claims, sub: 'user-1', iss: issuer, aud: audience, exp: Math.floor(now / 1000) + 600 });
    await expect(check(`${b64({ alg: 'none', kid: 'k1' })}.${body}.`)).rejects.toThrow();
    const hs = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('user-1')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime(Math.floor(now / 1000) + 600)
      .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    await expect(check(hs)).rejects.toThrow();
  });

  it('refuses an expired token online, accepts it for offline identity and says it expired', async () => {
    const old = await token({ exp: Math.floor(now / 1000) - 10 });
    await expect(check(old)).rejects.toThrow();
    const offline = await check(old, true);
    expect(offline.expired).toBe(true);
    expect(offline.claims.email).toBe('a@example.com');
    // Expired or not, a bad signature still fails.
    await expect(check(await token({ exp: Math.floor(now / 1000) - 10, signWith: otherKey }), true)).rejects.toThrow();
  });

  it('refuses claims without the backgrounds', async () => {
    await expect(check(await token({ payload: { softwareBackground: 'guru' } }))).rejects.toThrow();
  });

  it('tells how long a token has left', async () => {
    expect(secondsLeft(await token(), now)).toBeCloseTo(600, 0);
    expect(secondsLeft('garbage', now)).toBe(0);
  });
});

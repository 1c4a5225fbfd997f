import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://reader-remote.example.test';
const AUDIENCE = 'physical-ai-reader';
let privateKey: CryptoKey;
let published: JSONWebKeySet;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  published = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] };
});
afterEach(() => vi.useRealTimers());

/** A reader token signed with the published key, valid for `ttlSeconds` from the (possibly fake) clock. */
function token(ttlSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: 's1', email: 'a@example.test', name: 'A', softwareBackground: 'beginner', hardwareBackground: 'hobbyist' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('u1')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(privateKey);
}

/** A verifier whose key set can be withdrawn: `keys.current` is what the next (re)load returns. */
function verifier(rememberMs?: number) {
  const keys = { current: published };
  const v = new TokenVerifier(async () => keys.current, { issuer: ISSUER, audience: AUDIENCE, maxTokenAgeSeconds: 3600, clockToleranceSeconds: 0, rememberMs });
  return { v, keys };
}

describe('TokenVerifier remembering verified tokens', () => {
  it('never serves a remembered token past its exp', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const jwt = await token(20);
    const { v } = verifier(60_000);
    expect((await v.verify(jwt)).sub).toBe('u1');
    vi.setSystemTime(Date.now() + 21_000);
    await expect(v.verify(jwt)).rejects.toMatchObject({ reason: 'ERR_JWT_EXPIRED' });
  });

  it('checks the signature again after rememberMs, so a withdrawn key stops its tokens', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const jwt = await token(1800);
    const { v, keys } = verifier(60_000);
    await v.verify(jwt);
    keys.current = { keys: [] };
    // Past the key set's refresh age (10 min) and the memory: reloaded without the key, the token is refused.
    vi.setSystemTime(Date.now() + 11 * 60_000);
    await expect(v.verify(jwt)).rejects.toMatchObject({ reason: 'unknown kid' });
  });

  it('does not remember refusals: a token refused for its audience stays refused', async () => {
    const jwt = await token(600);
    const strict = new TokenVerifier(async () => published, { issuer: ISSUER, audience: 'another-audience', maxTokenAgeSeconds: 3600 });
    for (let i = 0; i < 2; i++) await expect(strict.verify(jwt)).rejects.toMatchObject({ reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it('serves a remembered token much faster than a signature check', async () => {
    const jwt = await token(600);
    const time = async (v: TokenVerifier) => {
      await v.verify(jwt);
      const t0 = performance.now();
      for (let i = 0; i < 300; i++) await v.verify(jwt);
      return performance.now() - t0;
    };
    const [remembering, checking] = [await time(verifier().v), await time(verifier(0).v)];
    expect(remembering * 5).toBeLessThan(checking);
  });
});

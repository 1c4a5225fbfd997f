import { createHmac, createPublicKey } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapter, mintJwt, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

let pg: TempPostgres;
let groq: FakeGroq;
let remote: TestRemote;
let validJwt: string;
let kid: string;
let sub: string;
let sid: string;

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq()]);
  remote = await startTestRemote({ DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url });
  const { sessionToken, user } = await signUp(remote.url);
  sub = user.id;
  validJwt = await mintJwt(remote.url, sessionToken);
  kid = decodeProtectedHeader(validJwt).kid!;
  sid = String(decodeJwt(validJwt).sid);
});
afterAll(async () => {
  await remote?.close();
  await groq?.close();
  await pg?.destroy();
});

function claims(extra: Record<string, unknown> = {}) {
  return { sub, sid, email: 'a@example.test', name: 'A', softwareBackground: 'advanced', hardwareBackground: 'industrial', iat: now(), exp: now() + 600, iss: remote.url, aud: 'physical-ai-reader', ...extra };
}

/** Signed by the service's real key, through better-auth's server-side signer, with whatever claims we choose. */
async function signedByService(payload: Record<string, unknown>): Promise<string> {
  const { token } = await remote.services.auth.api.signJWT({ body: { payload } });
  return token;
}

async function signedByStranger(header: { kid: string }, payload: object): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(payload as Record<string, unknown>).setProtectedHeader({ alg: 'RS256', ...header }).sign(privateKey);
}

async function personalizeWith(token: string) {
  return postJson(`${remote.url}/api/personalize`, chapter(`# Attack ${Math.random()}\n`), { authorization: `Bearer ${token}` });
}

describe('tokens that must be refused', () => {
  it('accepts the control: a service-signed token with the right claims', async () => {
    const calls = groq.calls;
    const res = await personalizeWith(await signedByService(claims()));
    expect(res.status).toBe(200);
    await readSse(res);
    expect(groq.calls).toBe(calls + 1);
    const res2 = await personalizeWith(validJwt);
    expect(res2.status).toBe(200);
    await readSse(res2);
  });

  const attacks: Array<[string, () => Promise<string>, RegExp]> = [
    ['alg none', async () => `${b64({ alg: 'none', kid, typ: 'JWT' })}.${b64(claims())}.`, /ALG_NOT_ALLOWED|malformed|JWS_INVALID/],
    [
      'HS256 signed with the public key',
      async () => {
        const { keys } = await (await fetch(`${remote.url}/api/auth/jwks`)).json();
        const pem = createPublicKey({ key: keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        const input = `${b64({ alg: 'HS256', kid, typ: 'JWT' })}.${b64(claims())}`;
        return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
      },
      /ALG_NOT_ALLOWED/,
    ],
    ['unknown kid', () => signedByStranger({ kid: 'no-such-key' }, claims()), /unknown kid/],
    ['right kid, wrong key', () => signedByStranger({ kid }, claims()), /SIGNATURE_VERIFICATION_FAILED/],
    [
      'tampered payload',
      async () => {
        const [h, , s] = validJwt.split('.');
        const original = JSON.parse(Buffer.from(validJwt.split('.')[1]!, 'base64url').toString());
        return `${h}.${b64({ ...original, softwareBackground: 'advanced', hardwareBackground: 'industrial' })}.${s}`;
      },
      /SIGNATURE_VERIFICATION_FAILED/,
    ],
    ['expired', () => signedByService(claims({ iat: now() - 1200, exp: now() - 300 })), /EXPIRED/],
    ['not yet valid', () => signedByService(claims({ nbf: now() + 600 })), /CLAIM_VALIDATION_FAILED/],
    ['wrong issuer', () => signedByService(claims({ iss: 'https://attacker.example.test' })), /CLAIM_VALIDATION_FAILED/],
    ['wrong audience', () => signedByService(claims({ aud: 'some-other-service' })), /CLAIM_VALIDATION_FAILED/],
    ['too old (iat beyond the token lifetime)', () => signedByService(claims({ iat: now() - 3600, exp: now() + 600 })), /EXPIRED|CLAIM_VALIDATION_FAILED/],
    ['missing background claims', () => signedByService({ sub, sid, iat: now(), exp: now() + 600 }), /claims missing/],
    ['no session id', () => signedByService({ ...claims(), sid: undefined }), /claims missing/],
    ['session id of no session', () => signedByService(claims({ sid: 'no-such-session' })), /session ended/],
    ['oversized', () => signedByService(claims({ padding: 'x'.repeat(5000) })), /too large/],
    ['garbage', async () => 'not.a.jwt', /malformed|JWS_INVALID|JWT_INVALID/],
  ];

  it.each(attacks)('%s -> 401, Groq never called', async (_name, make, reason) => {
    const token = await make();
    const calls = groq.calls;
    const res = await personalizeWith(token);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_token');
    expect(groq.calls).toBe(calls);
    // The refusal happened for the expected reason (recorded in the log, not told to the client).
    const entry = remote.logs.filter((e) => e.path === '/api/personalize').at(-1)!;
    expect(String(entry.authFailure)).toMatch(reason);
  });

  it('does not expose better-auth\'s server-only signer or verifier over HTTP', async () => {
    for (const path of ['sign-jwt', 'signJWT', 'verify-jwt', 'verifyJWT']) {
      const res = await postJson(`${remote.url}/api/auth/${path}`, { payload: claims() });
      expect(res.status).toBe(404);
    }
  });

  it('refuses the same attacks on /v1/chat instead of treating them as anonymous', async () => {
    const calls = groq.calls;
    const res = await postJson(`${remote.url}/v1/chat`, { question: 'q', passages: [{ id: 'a', title: 'b', text: 'c' }] }, {
      authorization: `Bearer ${await signedByStranger({ kid }, claims())}`,
    });
    expect(res.status).toBe(401);
    expect(groq.calls).toBe(calls);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { chapter, mintJwt, postJson, readSse, signUp, startTestRemote, type TestRemote } from './harness.js';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const PASSAGES = [{ id: 'p1', title: 'Policies', text: 'A policy maps states to actions.' }];

let pg: TempPostgres;
let groq: FakeGroq;
/** Metrics on, behind TOKEN; a small anonymous allowance so a refusal is quick to reach. */
let remote: TestRemote;
/** The default: metrics off. */
let off: TestRemote;

beforeAll(async () => {
  [pg, groq] = await Promise.all([startTempPostgres(), startFakeGroq({ text: 'A rewritten chapter [1].' })]);
  const env = { DATABASE_URL: pg.url, GROQ_BASE_URL: groq.url };
  remote = await startTestRemote({ ...env, REMOTE_METRICS: 'token', REMOTE_METRICS_TOKEN: TOKEN, GEN_RATE_ANON_MAX: '1' });
  off = await startTestRemote(env);
});
afterAll(async () => {
  for (const r of [remote, off]) await r?.close();
  await groq?.close();
  await pg?.destroy();
});

const scrape = async (token = TOKEN) => fetch(`${remote.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

/** The value of the sample `name` whose labels include `labels`; 0 when there is none yet. */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await scrape()).text();
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('is a plain 404 when metrics are off (the default), and 401 without the right bearer token', async () => {
    expect((await fetch(`${off.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(`${remote.url}/metrics`)).status).toBe(401);
    expect((await scrape(`${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN.slice(1))).status).toBe(401);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of ['remote_http_request_duration_seconds', 'remote_db_pool_connections', 'remote_process_cpu_seconds_total']) expect(text).toContain(`# TYPE ${name}`);
  });

  it('counts requests by route template, cache misses and hits, time to first byte by source, and Groq latency', async () => {
    const { sessionToken, user, account } = await signUp(remote.url);
    const jwt = await mintJwt(remote.url, sessionToken);
    const personalize = () => fetch(`${remote.url}/api/personalize`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` }, body: JSON.stringify(chapter('# Metrics\n\nCounted once.\n')) });
    const before = {
      requests: await sample('remote_http_request_duration_seconds_count', { route: '/api/personalize', status: '200' }),
      miss: await sample('remote_personalization_cache_lookups_total', { result: 'miss' }),
      hit: await sample('remote_personalization_cache_lookups_total', { result: 'hit' }),
      fromGroq: await sample('remote_stream_first_byte_seconds_count', { route: '/api/personalize', source: 'groq' }),
      fromCache: await sample('remote_stream_first_byte_seconds_count', { route: '/api/personalize', source: 'cache' }),
      groqFirst: await sample('remote_groq_first_token_seconds_count', { model: 'llama-3.3-70b-versatile' }),
    };
    for (let i = 0; i < 2; i++) expect((await readSse(await personalize())).at(-1)!.event).toBe('done');

    expect(await sample('remote_http_request_duration_seconds_count', { route: '/api/personalize', status: '200' })).toBe(before.requests + 2);
    expect(await sample('remote_personalization_cache_lookups_total', { result: 'miss' })).toBe(before.miss + 1);
    expect(await sample('remote_personalization_cache_lookups_total', { result: 'hit' })).toBe(before.hit + 1);
    expect(await sample('remote_stream_first_byte_seconds_count', { route: '/api/personalize', source: 'groq' })).toBe(before.fromGroq + 1);
    expect(await sample('remote_stream_first_byte_seconds_count', { route: '/api/personalize', source: 'cache' })).toBe(before.fromCache + 1);
    expect(await sample('remote_groq_first_token_seconds_count', { model: 'llama-3.3-70b-versatile' })).toBe(before.groqFirst + 1);
    expect(await sample('remote_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);

    // Nothing that names the reader, nor a raw path, becomes a label.
    const text = await (await scrape()).text();
    for (const secret of [user.id, account.email, jwt, sessionToken]) expect(text).not.toContain(secret);
  });

  it('counts a refused JWT by its reason and as an invalid_token error', async () => {
    const reason = { reason: 'ERR_JWS_INVALID' };
    const [failures, errors] = [await sample('remote_jwt_failures_total', reason), await sample('remote_errors_total', { kind: 'invalid_token' })];
    const res = await postJson(`${remote.url}/api/personalize`, chapter(), { authorization: 'Bearer not.a.jwt' });
    expect(res.status).toBe(401);
    expect(await sample('remote_jwt_failures_total', reason)).toBe(failures + 1);
    expect(await sample('remote_errors_total', { kind: 'invalid_token' })).toBe(errors + 1);
  });

  it('counts rate-limit refusals by limit, and Groq failures by kind', async () => {
    const ask = () => postJson(`${remote.url}/v1/chat`, { question: 'What is a policy?', passages: PASSAGES });
    const refusals = await sample('remote_rate_limit_refusals_total', { scope: 'chat:anon' });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(429);
    expect(await sample('remote_rate_limit_refusals_total', { scope: 'chat:anon' })).toBe(refusals + 1);

    const { sessionToken } = await signUp(remote.url);
    const jwt = await mintJwt(remote.url, sessionToken);
    const failed = await sample('remote_groq_errors_total', { kind: 'upstream_error' });
    groq.set({ status: 500 });
    try {
      expect((await postJson(`${remote.url}/v1/chat`, { question: 'Why?', passages: PASSAGES }, { authorization: `Bearer ${jwt}` })).status).toBe(502);
    } finally {
      groq.reset();
    }
    expect(await sample('remote_groq_errors_total', { kind: 'upstream_error' })).toBe(failed + 1);
    expect(await sample('remote_errors_total', { kind: 'generation_failed' })).toBeGreaterThan(0);
  });
});

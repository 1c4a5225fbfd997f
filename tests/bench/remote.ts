/**
 * `npm run bench:remote`: how much the remote service adds on top of Groq, and how fast it signs in and verifies.
 * Everything runs on loopback: a temp PostgreSQL, the fake Groq (fixed first-token delay) in this process, and
 * the service in a child process (as `npm run remote` runs it) so it does not share an event loop with the
 * clients. Every loop is bounded by a request count. Prints a table; exits non-zero only if something failed.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { startTempPostgres } from '../fixtures/temp-postgres.js';
import { scrapeMetrics, serviceSide } from './service-timings.js';
import { createPool } from '../../remote/src/db/pool.js';
import { SessionCheck } from '../../remote/src/session-check.js';
import { TokenVerifier } from '../../remote/src/token-verifier.js';
import {
  CHUNK_GAP_MS,
  directGroqTtfb,
  FIRST_TOKEN_DELAY_MS,
  fmt,
  measure,
  migrateService,
  pct,
  postJson,
  startBenchGroq,
  startService,
  STREAM_CHUNKS,
  timeToFirstDelta,
} from './remote-load.js';

const SEQUENTIAL_REQUESTS = 20;
const CONCURRENT_CLIENTS = 50;
const REQUESTS_PER_CLIENT = 4;
const SIGNIN_CLIENTS = 20;
const SIGNINS_PER_CLIENT = 5;
const SIGNUP_SAMPLES = 10;
const VERIFY_ITERATIONS = 40_000;
const VERIFY_IN_FLIGHT = 16;
/** Verifications with a session lookup on every one (no cache) are bounded by Postgres round trips. */
const UNCACHED_CHECK_ITERATIONS = 5_000;

async function main() {
  const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
  const pg = await startTempPostgres();
  const groq = await startBenchGroq();
  const issuer = 'https://reader-remote.bench';
  const metricsToken = randomBytes(32).toString('hex');
  const env = {
    PORT: '0',
    DATABASE_URL: pg.url,
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    GROQ_API_KEY: 'bench',
    GROQ_BASE_URL: groq.url,
    JWT_ISSUER: issuer,
    LOG_LEVEL: 'silent',
    // Limits raised so the benchmark measures the work, not the 429s.
    AUTH_RATE_MAX: '1000000',
    GEN_RATE_USER_MAX: '1000000',
    GEN_RATE_ANON_MAX: '1000000',
    DATABASE_POOL_MAX: '20',
    // The service's own timings are read from /metrics after each 50-client phase.
    REMOTE_METRICS: 'token',
    REMOTE_METRICS_TOKEN: metricsToken,
  };
  // As in a deployment: migrate first (the service migrates only the embedded database by itself), then start.
  await migrateService(env);
  const service = await startService(env);
  const { url } = service;
  try {
    const rows: string[] = [];
    const serviceRows: string[] = [];
    /** Runs one phase and notes what the service itself measured for it. */
    const seenByService = async (name: string, route: string, source: 'groq' | 'cache', phase: () => Promise<number[]>) => {
      const before = await scrapeMetrics(url, metricsToken);
      const xs = await phase();
      serviceRows.push(`${name}: ${serviceSide(before, await scrapeMetrics(url, metricsToken), route, source)}`);
      return xs;
    };
    const row = (name: string, xs: number[], sub = 0) => {
      const added = xs.map((x) => x - sub);
      rows.push(`${name.padEnd(52)} ${String(xs.length).padStart(5)} ${fmt(pct(added, 50))} ${fmt(pct(added, 95))}`);
    };

    // Accounts: one per sign-in client, plus the token used by the generation runs.
    const accounts = Array.from({ length: SIGNIN_CLIENTS }, (_, i) => ({
      email: `bench${i}-${Date.now()}@example.test`,
      password: 'bench password 123',
      name: `Bench ${i}`,
      softwareBackground: 'intermediate',
      hardwareBackground: 'robotics',
    }));
    const jwts: string[] = [];
    for (const a of accounts) {
      const res = await postJson(`${url}/api/auth/sign-up/email`, a);
      if (res.status !== 200) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      jwts.push(((await (await fetch(`${url}/api/auth/token`, { headers: { authorization: `Bearer ${token}` } })).json()) as { token: string }).token);
    }
    const jwt = jwts[0]!;
    // Request i speaks for reader i mod 20, as separate readers would (their own rate-limit rows).
    const auth = (i: number) => ({ authorization: `Bearer ${jwts[i % jwts.length]}` });

    const chapterBody = () => ({ chapterId: 'bench', title: 'Bench chapter', markdown: `# Bench ${randomBytes(8).toString('hex')}\n\n${'Prose about robots and policies. '.repeat(600)}` });
    const passages = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, title: `Passage ${i}`, text: 'Passage text about reinforcement learning. '.repeat(22) }));
    const personalize = (i: number) => timeToFirstDelta(() => postJson(`${url}/api/personalize`, chapterBody(), auth(i)));
    const chat = (i: number) => timeToFirstDelta(() => postJson(`${url}/v1/chat`, { question: 'What is a policy?', passages }, auth(i)));
    const cachedBody = chapterBody();
    const cached = (i: number) => timeToFirstDelta(() => postJson(`${url}/api/personalize`, cachedBody, auth(i)));

    // Warm-up (JIT, pools, key set), not counted.
    await measure(4, 3, personalize);
    await measure(4, 3, chat);
    // Every reader has the same background, so they share one entry: fill it, so the cache-hit rows measure hits only.
    await cached(0);

    const directTtfb = directGroqTtfb(groq.url);
    await directTtfb();
    row('baseline: fake Groq direct, 1 client', await measure(1, SEQUENTIAL_REQUESTS, directTtfb), FIRST_TOKEN_DELAY_MS);
    row(`baseline: fake Groq direct, ${CONCURRENT_CLIENTS} clients`, await measure(CONCURRENT_CLIENTS, REQUESTS_PER_CLIENT, directTtfb, FIRST_TOKEN_DELAY_MS), FIRST_TOKEN_DELAY_MS);
    const spread = FIRST_TOKEN_DELAY_MS;
    for (const [name, fn, route] of [['personalize', personalize, '/api/personalize'], ['chat', chat, '/v1/chat']] as const) {
      row(`${name}, added TTFB, 1 client`, await measure(1, SEQUENTIAL_REQUESTS, fn), FIRST_TOKEN_DELAY_MS);
      const phase = () => measure(CONCURRENT_CLIENTS, REQUESTS_PER_CLIENT, fn, spread);
      row(`${name}, added TTFB, ${CONCURRENT_CLIENTS} clients`, await seenByService(`${name}, ${CONCURRENT_CLIENTS} clients`, route, 'groq', phase), FIRST_TOKEN_DELAY_MS);
      row(`${name}, added TTFB, ${CONCURRENT_CLIENTS} clients in one burst`, await measure(CONCURRENT_CLIENTS, REQUESTS_PER_CLIENT, fn), FIRST_TOKEN_DELAY_MS);
    }
    row('personalize cache hit, TTFB, 1 client', await measure(1, SEQUENTIAL_REQUESTS, cached));
    const cachedPhase = () => measure(CONCURRENT_CLIENTS, REQUESTS_PER_CLIENT, cached, spread);
    row(`personalize cache hit, TTFB, ${CONCURRENT_CLIENTS} clients`, await seenByService(`cache hit, ${CONCURRENT_CLIENTS} clients`, '/api/personalize', 'cache', cachedPhase));

    const signIns = await measure(SIGNIN_CLIENTS, SIGNINS_PER_CLIENT, async (i) => {
      const a = accounts[i % accounts.length]!;
      const t0 = performance.now();
      const res = await postJson(`${url}/api/auth/sign-in/email`, { email: a.email, password: a.password });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`sign-in: ${res.status}`);
      return performance.now() - t0;
    });
    row(`sign-in latency, ${SIGNIN_CLIENTS} clients`, signIns);

    // A refused sign-up (email taken) should take as long as a new account, or its timing names existing emails.
    const signUpTime = async (body: object) => {
      const t0 = performance.now();
      await (await postJson(`${url}/api/auth/sign-up/email`, body)).arrayBuffer();
      return performance.now() - t0;
    };
    row('sign-up latency, new email, 1 client', await measure(1, SIGNUP_SAMPLES, (i) => signUpTime({ ...accounts[0]!, email: `new${i}-${Date.now()}@example.test` })));
    row('sign-up latency, email taken (refused), 1 client', await measure(1, SIGNUP_SAMPLES, () => signUpTime(accounts[0]!)));

    // Verification exactly as the service does it (jose, RS256 pinned, iss/aud/exp checked), keys from /jwks; a
    // signature check every time (the service remembers a verified token for a minute, which skips this work).
    const verifier = new TokenVerifier(async () => (await fetch(`${url}/api/auth/jwks`)).json(), { issuer, audience: 'physical-ai-reader', maxTokenAgeSeconds: 900, rememberMs: 0 });
    await verifier.verify(jwt);
    let t0 = performance.now();
    for (let i = 0; i < VERIFY_ITERATIONS; i++) await verifier.verify(jwt);
    const sequential = VERIFY_ITERATIONS / ((performance.now() - t0) / 1000);
    // As a server sees them: many requests verifying at once (WebCrypto runs them on libuv's thread pool).
    t0 = performance.now();
    await measure(VERIFY_IN_FLIGHT, VERIFY_ITERATIONS / VERIFY_IN_FLIGHT, async () => {
      await verifier.verify(jwt);
      return 0;
    });
    const concurrent = VERIFY_ITERATIONS / ((performance.now() - t0) / 1000);

    // The same, plus the session check every protected route does after the signature (sid still signed in),
    // as the service runs it: remembered for 5 s (the default), and with no memory (a lookup every time).
    const pool = createPool(pg.url, 20);
    const perSecond = async (sessions: SessionCheck, iterations: number, inFlight: number) => {
      const start = performance.now();
      await measure(inFlight, iterations / inFlight, async () => {
        const claims = await verifier.verify(jwt);
        if (!(await sessions.isActive(claims.sid))) throw new Error('bench session ended');
        return 0;
      });
      return Math.round(iterations / ((performance.now() - start) / 1000));
    };
    const checked = { cached: new SessionCheck(pool, 5_000), uncached: new SessionCheck(pool, 0) };
    const withCheck = {
      cached: [await perSecond(checked.cached, VERIFY_ITERATIONS, 1), await perSecond(checked.cached, VERIFY_ITERATIONS, VERIFY_IN_FLIGHT)],
      uncached: [await perSecond(checked.uncached, UNCACHED_CHECK_ITERATIONS, 1), await perSecond(checked.uncached, UNCACHED_CHECK_ITERATIONS, VERIFY_IN_FLIGHT)],
    };
    await pool.end();

    console.log(`remote benchmark (fake Groq: first token after ${FIRST_TOKEN_DELAY_MS} ms, then ${STREAM_CHUNKS} chunks ${CHUNK_GAP_MS} ms apart; real PostgreSQL; service in its own process)`);
    console.log(`"${CONCURRENT_CLIENTS} clients": spread over the first ${FIRST_TOKEN_DELAY_MS} ms, then back to back (all in flight together); "in one burst": all start at once`);
    console.log(`${'measure (ms)'.padEnd(52)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)}`);
    for (const r of rows) console.log(r);
    for (const r of serviceRows) console.log(r);
    console.log(`JWT verifications per second (RS256, jose): ${Math.round(sequential)} one at a time, ${Math.round(concurrent)} with ${VERIFY_IN_FLIGHT} in flight`);
    console.log(`  + session check, remembered 5 s: ${withCheck.cached[0]} one at a time, ${withCheck.cached[1]} with ${VERIFY_IN_FLIGHT} in flight`);
    console.log(`  + session check, looked up every time: ${withCheck.uncached[0]} one at a time, ${withCheck.uncached[1]} with ${VERIFY_IN_FLIGHT} in flight`);
    console.log(`load average before/after: ${loadBefore} / ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
    console.log(`fake Groq calls: ${groq.calls}`);
  } finally {
    await service.stop();
    await groq.close();
    await pg.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

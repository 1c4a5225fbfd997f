/**
 * `npm run bench:remote-scale`: the remote service on one process and on two (REMOTE_WORKERS=2, one port), and the
 * single flight of shared personalizations. Same loopback set-up as `bench:remote` (temp PostgreSQL, the fake Groq
 * in this process with the same timing, the service in child processes), and the same fake-Groq-alone baseline
 * in the same run. Every loop is bounded by a request count.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { startTempPostgres } from '../fixtures/temp-postgres.js';
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
  type Service,
} from './remote-load.js';

const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 4;
const ACCOUNTS = 20;
/** Single-flight rounds: each is CLIENTS readers asking for one fresh chapter at once. */
const FLIGHT_ROUNDS = 3;

type Row = { name: string; xs: number[]; extra: string };

async function main() {
  const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
  const pg = await startTempPostgres();
  const groq = await startBenchGroq();
  const env = {
    PORT: '0',
    DATABASE_URL: pg.url,
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    GROQ_API_KEY: 'bench',
    GROQ_BASE_URL: groq.url,
    JWT_ISSUER: 'https://reader-remote.bench',
    LOG_LEVEL: 'silent',
    // Limits raised so the benchmark measures the work, not the 429s.
    AUTH_RATE_MAX: '1000000',
    GEN_RATE_USER_MAX: '1000000',
    DATABASE_POOL_MAX: '20',
  };
  await migrateService(env);
  const rows: Row[] = [];
  const row = (name: string, xs: number[], extra = '', sub = 0) => rows.push({ name, xs: xs.map((x) => x - sub), extra });
  const services: Service[] = [];
  const start = async (workers: number) => {
    const s = await startService({ ...env, REMOTE_WORKERS: String(workers) });
    services.push(s);
    return s;
  };
  try {
    const one = await start(1);
    // Readers with one background (so they share cached entries), each with their own rate-limit row.
    const jwts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const res = await postJson(`${one.url}/api/auth/sign-up/email`, {
        email: `scale${i}-${Date.now()}@example.test`,
        password: 'bench password 123',
        name: `Scale ${i}`,
        softwareBackground: 'intermediate',
        hardwareBackground: 'robotics',
      });
      if (res.status !== 200) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      jwts.push(((await (await fetch(`${one.url}/api/auth/token`, { headers: { authorization: `Bearer ${token}` } })).json()) as { token: string }).token);
    }
    const auth = (i: number) => ({ authorization: `Bearer ${jwts[i % jwts.length]}` });
    const chapterBody = () => ({ chapterId: 'bench', title: 'Bench chapter', markdown: `# Bench ${randomBytes(8).toString('hex')}\n\n${'Prose about robots and policies. '.repeat(600)}` });
    const personalizeAt = (url: string, body: object, i: number) => timeToFirstDelta(() => postJson(`${url}/api/personalize`, body, auth(i)));

    const directTtfb = directGroqTtfb(groq.url);
    await measure(4, 3, directTtfb);
    row(`baseline: fake Groq direct, ${CLIENTS} clients`, await measure(CLIENTS, REQUESTS_PER_CLIENT, directTtfb, FIRST_TOKEN_DELAY_MS), '', FIRST_TOKEN_DELAY_MS);

    /** Every reader asks for one fresh chapter at the same moment; returns TTFBs and the upstream calls made. */
    const flight = async (urls: string[]) => {
      const ttfb: number[][] = urls.map(() => []);
      let calls = 0;
      for (let r = 0; r < FLIGHT_ROUNDS; r++) {
        const body = chapterBody();
        const before = groq.calls;
        await Promise.all(
          Array.from({ length: CLIENTS }, async (_, i) => {
            const k = i % urls.length;
            ttfb[k]!.push(await personalizeAt(urls[k]!, body, i));
          }),
        );
        calls += groq.calls - before;
      }
      return { ttfb, calls };
    };

    for (const workers of [1, 2]) {
      const s = workers === 1 ? one : await start(workers);
      const label = workers === 1 ? '1 process' : `${workers} processes`;
      // Warm-up (JIT, pools, key set) of every process, not counted: a fresh worker is several times slower at first.
      await measure(10, 4 * workers, (i) => personalizeAt(s.url, chapterBody(), i));
      const t0 = performance.now();
      const misses = await measure(CLIENTS, REQUESTS_PER_CLIENT, (i) => personalizeAt(s.url, chapterBody(), i), FIRST_TOKEN_DELAY_MS);
      const perSecond = misses.length / ((performance.now() - t0) / 1000);
      row(`${label}: personalize, added TTFB, ${CLIENTS} clients`, misses, `${perSecond.toFixed(1)} chapters/s`, FIRST_TOKEN_DELAY_MS);

      const cachedBody = chapterBody();
      await personalizeAt(s.url, cachedBody, 0);
      row(`${label}: personalize cache hit, TTFB, ${CLIENTS} clients`, await measure(CLIENTS, REQUESTS_PER_CLIENT, (i) => personalizeAt(s.url, cachedBody, i), FIRST_TOKEN_DELAY_MS));

      const f = await flight([s.url]);
      row(`${label}: same chapter, ${CLIENTS} at once, TTFB`, f.ttfb.flat(), `${f.calls} Groq calls / ${FLIGHT_ROUNDS} rounds`);
      if (workers !== 1) await s.stop();
    }

    // Two separate instances, half the readers on each: the one whose reader led relays Groq's stream, the other
    // streams the text the leader publishes in Postgres every 100 ms.
    const second = await start(1);
    const split = await flight([one.url, second.url]);
    const [x, y] = split.ttfb.map((xs) => pct(xs, 50));
    const [leader, waiter] = x! <= y! ? [split.ttfb[0]!, split.ttfb[1]!] : [split.ttfb[1]!, split.ttfb[0]!];
    row(`2 instances: same chapter, ${CLIENTS} at once, TTFB, all`, split.ttfb.flat(), `${split.calls} Groq calls / ${FLIGHT_ROUNDS} rounds`);
    row('  readers on the instance that led', leader);
    row('  readers on the instance that waited (polls the leader)', waiter);

    console.log(`remote scale benchmark (fake Groq: first token after ${FIRST_TOKEN_DELAY_MS} ms, then ${STREAM_CHUNKS} chunks ${CHUNK_GAP_MS} ms apart; real PostgreSQL)`);
    console.log('"2 processes": REMOTE_WORKERS=2 on one port; "2 instances": two services on their own ports, half the readers each');
    console.log(`"${CLIENTS} clients": spread over the first ${FIRST_TOKEN_DELAY_MS} ms, ${REQUESTS_PER_CLIENT} requests each back to back; "at once": one burst per round, TTFB including the first-token delay`);
    console.log(`${'measure (ms)'.padEnd(60)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)}  other`);
    for (const r of rows) console.log(`${r.name.padEnd(60)} ${String(r.xs.length).padStart(5)} ${fmt(pct(r.xs, 50))} ${fmt(pct(r.xs, 95))}  ${r.extra}`);
    console.log(`load average before/after: ${loadBefore} / ${loadavg().map((v) => v.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  } finally {
    for (const s of services) await s.stop();
    await groq.close();
    await pg.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench:sync`: the service side of sync, end to end over HTTP on loopback, for the embedded database and a
 * temp PostgreSQL. The service runs in a child process (as `npm run remote` runs it) so it does not share an event
 * loop with the client. Prints milliseconds; no timed assertions. Targets from issue 13: a 10,000-record pull to an
 * empty machine under 2 s, a push of 1,000 queued changes under 1 s, steady state one small request each way.
 * The `desktop:` rows are the same end to end through the desktop's sync (sync-desktop.ts): outbox, push, pull
 * and applying into a real library database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncPullResponse } from '@physical-ai-reader/protocol';
import { startTempPostgres } from '../fixtures/temp-postgres.js';
import { desktopTransport, measureDesktop } from './sync-desktop.js';

const PUSH_MUTATIONS = 1_000;
const BATCH = 500;
const PULL_RECORDS = 10_000;
const PAGE = 1_000;
const EMPTY_PULLS = 50;
const ROUNDS = 3;

async function startService(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'remote/src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let out = '';
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) {
      child.stdout!.resume();
      return { url: m[1]!, child };
    }
  }
  throw new Error(`service did not start:\n${out}`);
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** A highlight with a note, the size the desktop sends (~0.7 KB of JSON). */
function highlight(n: number) {
  return {
    bookKey: 'physical-ai-robotics/docs',
    color: 'yellow',
    note: `Note ${n}: ${'the Jacobian relates joint velocities to end-effector velocity; check the sign convention. '.repeat(3)}`,
    target: {
      chapterId: `chapter-${n % 40}`,
      file: `docs/chapter-${n % 40}.md`,
      quote: { type: 'TextQuoteSelector', exact: 'forward kinematics maps joint angles to a pose', prefix: 'In short, ', suffix: ' of the tool.' },
      position: { type: 'TextPositionSelector', start: 1200 + n, end: 1246 + n },
      sectionPath: ['Kinematics', 'Forward kinematics'],
      contentHash: 'f3a1c9e2b7d4',
    },
    createdAt: new Date().toISOString(),
  };
}

/** A signed-in student on a fresh machine, numbering its mutations. */
async function student(url: string) {
  const account = { email: `bench-${randomUUID()}@example.test`, password: 'bench password 123', name: 'Bench', softwareBackground: 'intermediate', hardwareBackground: 'robotics' };
  const signUp = await fetch(`${url}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
  if (signUp.status !== 200) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const { token } = (await signUp.json()) as { token: string };
  const jwt = ((await (await fetch(`${url}/api/auth/token`, { headers: { authorization: `Bearer ${token}` } })).json()) as { token: string }).token;
  const clientId = `bench-${randomUUID()}`;
  let next = 1;
  const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  return {
    jwt,
    /** Pushes `count` new highlights in requests of `batch`. */
    async push(count: number, batch: number) {
      for (let done = 0; done < count; done += batch) {
        const mutations = Array.from({ length: Math.min(batch, count - done) }, () => ({ id: next++, kind: 'annotation', entityId: randomUUID(), op: 'put', data: highlight(next) }));
        const res = await fetch(`${url}/v1/sync/push`, { method: 'POST', headers, body: JSON.stringify({ clientId, mutations }) });
        if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    },
    /** Pulls every page from `cursor`; returns the records seen, the pages and the bytes received. */
    async pullAll(cursor: number, limit: number) {
      let records = 0;
      let pages = 0;
      let bytes = 0;
      for (;;) {
        const res = await fetch(`${url}/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { headers });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`pull: ${res.status} ${text}`);
        const page = JSON.parse(text) as SyncPullResponse;
        records += page.records.length;
        pages++;
        bytes += text.length;
        cursor = page.nextCursor;
        if (!page.hasMore) return { records, pages, bytes, cursor };
      }
    },
  };
}

const time = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(1).padStart(8);

async function measure(name: string, url: string): Promise<string[]> {
  const rows: string[] = [];
  const row = (what: string, runs: number[], extra = '') => rows.push(`${name.padEnd(9)} ${what.padEnd(46)} ${ms(median(runs))} ${ms(Math.min(...runs))} ${ms(Math.max(...runs))}  ${extra}`);

  // Warm-up (JIT, pool, key set), not counted.
  const warm = await student(url);
  await warm.push(BATCH, BATCH);
  await warm.pullAll(0, PAGE);

  const oneRequest: number[] = [];
  const batched: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const s1 = await student(url);
    oneRequest.push(await time(() => s1.push(PUSH_MUTATIONS, PUSH_MUTATIONS)));
    const s2 = await student(url);
    batched.push(await time(() => s2.push(PUSH_MUTATIONS, BATCH)));
  }
  row(`push ${PUSH_MUTATIONS} highlights, one request`, oneRequest);
  row(`push ${PUSH_MUTATIONS} highlights, ${BATCH} per request`, batched);

  const big = await student(url);
  const seed = await time(() => big.push(PULL_RECORDS, BATCH));
  row(`push ${PULL_RECORDS} highlights, ${BATCH} per request (seed)`, [seed]);
  const pulls: number[] = [];
  let info = { records: 0, pages: 0, bytes: 0, cursor: 0 };
  for (let r = 0; r < ROUNDS; r++) pulls.push(await time(async () => (info = await big.pullAll(0, PAGE))));
  if (info.records !== PULL_RECORDS) throw new Error(`pulled ${info.records} records, expected ${PULL_RECORDS}`);
  row(`pull ${PULL_RECORDS} from cursor 0, ${PAGE} per page`, pulls, `${info.pages} pages, ${(info.bytes / 1e6).toFixed(1)} MB`);
  const pullsMax: number[] = [];
  for (let r = 0; r < ROUNDS; r++) pullsMax.push(await time(async () => (info = await big.pullAll(0, 2000))));
  row(`pull ${PULL_RECORDS} from cursor 0, 2000 per page`, pullsMax, `${info.pages} pages`);

  const empty: number[] = [];
  let emptyBytes = 0;
  for (let i = 0; i < EMPTY_PULLS; i++)
    empty.push(
      await time(async () => {
        const res = await big.pullAll(info.cursor, PAGE);
        if (res.records !== 0) throw new Error('steady-state pull returned records');
        emptyBytes = res.bytes;
      }),
    );
  row('steady-state pull, nothing new', empty, `${emptyBytes} bytes, 1 request`);

  await measureDesktop(row, ROUNDS, desktopTransport(url, big.jwt), PULL_RECORDS, 'physical-ai-robotics/docs', async () => desktopTransport(url, (await student(url)).jwt));
  return rows;
}

async function main() {
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const common = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_MAX: '1000000',
    SYNC_RATE_MAX: '1000000',
    // The one-request case needs room for 1,000 mutations (~0.8 MB); the default caps are 500 and 512 KB.
    SYNC_PUSH_MAX_MUTATIONS: String(PUSH_MUTATIONS),
    SYNC_PUSH_MAX_BYTES: String(4 * 1024 * 1024),
    SYNC_QUOTA_BYTES: String(100 * 1024 * 1024),
  };
  const rows: string[] = [];

  const dataDir = mkdtempSync(join(tmpdir(), 'reader-bench-sync-'));
  const embedded = await startService({ ...common, REMOTE_DATA_DIR: dataDir, JWT_ISSUER: 'https://bench.embedded' });
  try {
    rows.push(...(await measure('embedded', embedded.url)));
  } finally {
    await stop(embedded.child);
    rmSync(dataDir, { recursive: true, force: true });
  }

  const pg = await startTempPostgres();
  try {
    const env = { ...common, DATABASE_URL: pg.url, JWT_ISSUER: 'https://bench.postgres' };
    const migrate = spawn(process.execPath, ['--import', 'tsx', 'remote/src/migrate.ts'], { env: { ...process.env, ...env }, stdio: 'inherit' });
    const [code] = await once(migrate, 'exit');
    if (code !== 0) throw new Error('remote:migrate failed');
    const service = await startService(env);
    try {
      rows.push(...(await measure('postgres', service.url)));
    } finally {
      await stop(service.child);
    }
  } finally {
    await pg.destroy();
  }

  console.log(`\nsync bench (ms, ${ROUNDS} rounds unless noted; load average before: ${load})`);
  console.log(`${'database'.padEnd(9)} ${'measure'.padEnd(46)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}`);
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';
import { startRemoteProcess, startTestRemote, TEST_SECRET, type TestRemote } from './harness.js';
import { newStudent } from './sync-client.js';

/** Sync under faults that need a real PostgreSQL: two instances racing, a push killed half-way, rate limits. */
let db: TempPostgres;
let a: TestRemote;
let b: TestRemote;
let limited: TestRemote;
let admin: pg.Client;
const ISSUER = 'https://reader-remote.sync-faults.test';

/** Holds `table` in another session so a push stops at its statement on it; returns that push's backend pid. */
async function blockPushAt(table: string, push: () => Promise<unknown>) {
  // (Its own connection: pg_stat_activity is read once per transaction, so the polling below runs outside it.)
  const locker = new pg.Client({ connectionString: db.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
  const pending = push();
  let pid: number | undefined;
  for (let i = 0; i < 400 && pid === undefined; i++) {
    const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1", [`INSERT INTO ${table}%`]);
    pid = rows[0]?.pid;
    if (pid === undefined) await new Promise((r) => setTimeout(r, 25));
  }
  const release = async () => {
    await locker.query('ROLLBACK');
    await locker.end();
  };
  return { pid, pending, release };
}

async function syncState(userId: string) {
  const one = async (sql: string) => Number((await admin.query<{ n: string }>(sql, [userId])).rows[0]?.n ?? -1);
  return {
    version: await one('SELECT version AS n FROM remote_sync_user WHERE user_id = $1'),
    records: await one('SELECT count(*) AS n FROM remote_sync_record WHERE user_id = $1'),
    lastMutationId: await one('SELECT last_mutation_id AS n FROM remote_sync_client WHERE user_id = $1'),
  };
}

beforeAll(async () => {
  db = await startTempPostgres();
  const env = { DATABASE_URL: db.url, JWT_ISSUER: ISSUER };
  a = await startTestRemote(env);
  b = await startTestRemote(env);
  limited = await startTestRemote({ ...env, SYNC_RATE_MAX: '3', SYNC_RATE_WINDOW_SECONDS: '60' });
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  await admin?.end();
  for (const r of [a, b, limited]) await r?.close();
  await db?.destroy();
});

describe('sync on one Postgres behind two instances', () => {
  it('keeps versions gap-free and loses no mutation when four machines push concurrently through both instances', async () => {
    const s = await newStudent(a.url);
    const machines = Array.from({ length: 4 }, () => s.machine());
    const PUSHES = 10;
    const versions: number[] = [];
    const marks: string[] = [];
    await Promise.all(
      machines.map(async (pc, m) => {
        let previous = 0;
        for (let i = 0; i < PUSHES; i++) {
          const mark = randomUUID();
          marks.push(mark);
          // Every push also writes one shared record, so the pushes contend for the same row too.
          const res = await pc.pushOk([pc.put('bookmark', mark, { label: `m${m} p${i}` }), pc.put('setting', 'last-writer', { value: `m${m} p${i}` })], i % 2 ? b.url : a.url);
          expect(res.lastMutationId).toBe(2 * (i + 1));
          expect(res.version).toBeGreaterThan(previous);
          previous = res.version;
          versions.push(res.version);
        }
      }),
    );
    expect([...versions].sort((x, y) => x - y)).toEqual(Array.from({ length: 4 * PUSHES }, (_, i) => i + 1));
    const { records } = await s.machine(b.url).pullAll(0, 7);
    expect(records.filter((r) => r.kind === 'bookmark').map((r) => r.entityId).sort()).toEqual([...marks].sort());
    // The shared record holds the value of the push with the highest version.
    const last = records.find((r) => r.kind === 'setting')!;
    expect(last.version).toBe(4 * PUSHES);
  });

  it('leaves nothing half-applied when the push is killed inside its transaction, and the retry then applies once', async () => {
    const s = await newStudent(a.url);
    const pc = s.machine();
    await pc.pushOk([pc.put('setting', 'before', { value: 1 })]);
    const big = Array.from({ length: 300 }, (_, i) => pc.put('bookmark', randomUUID(), { label: `mark ${i}` }));

    // Stop the push at the last table it writes, after its records and the new version, then kill its backend.
    const blocked = await blockPushAt('remote_sync_client', () => pc.push(big));
    expect(blocked.pid).toBeDefined();
    await admin.query('SELECT pg_terminate_backend($1)', [blocked.pid]);
    const killed = (await blocked.pending) as Response;
    await blocked.release();
    expect(killed.status).toBe(503);
    expect(await syncState(s.userId)).toEqual({ version: 1, records: 1, lastMutationId: 1 });

    const retried = await pc.pushOk(big, b.url);
    expect(retried).toEqual({ version: 2, lastMutationId: 301, rejected: [] });
    const page = await pc.pullOk(0, 2000);
    expect(page.records).toHaveLength(301);
    expect(new Set(page.records.filter((r) => r.kind === 'bookmark').map((r) => r.version))).toEqual(new Set([2]));
  });

  it('leaves nothing half-applied when the service process is killed -9 in the middle of a push', async () => {
    const proc = await startRemoteProcess({ DATABASE_URL: db.url, JWT_ISSUER: ISSUER, BETTER_AUTH_SECRET: TEST_SECRET }, 'postgres');
    try {
      const s = await newStudent(a.url);
      const pc = s.machine(proc.url);
      await pc.pushOk([pc.put('setting', 'before', { value: 1 })]);
      const big = Array.from({ length: 300 }, (_, i) => pc.put('bookmark', randomUUID(), { label: `mark ${i}` }));
      const blocked = await blockPushAt('remote_sync_client', () => pc.push(big).catch(() => 'connection lost'));
      expect(blocked.pid).toBeDefined();
      process.kill(proc.pid, 'SIGKILL');
      expect(await blocked.pending).toBe('connection lost');
      await blocked.release();
      // Its backend finishes the statement, finds its client gone instead of a COMMIT, and rolls back.
      for (let i = 0; i < 200; i++) {
        const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [blocked.pid]);
        if (rows.length === 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await syncState(s.userId)).toEqual({ version: 1, records: 1, lastMutationId: 1 });
      expect(await pc.pushOk(big, a.url)).toEqual({ version: 2, lastMutationId: 301, rejected: [] });
    } finally {
      // Whatever failed above, the process does not outlive the test (ESRCH once it is gone).
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        /* already dead */
      }
    }
  });

  it('limits pushes and pulls per user with 429 and Retry-After, storing nothing once limited', async () => {
    const s = await newStudent(limited.url);
    const pc = s.machine(limited.url);
    await pc.pushOk([pc.put('setting', 'a', { value: 1 })]);
    await pc.pullOk(0);
    await pc.pullOk(1);
    const refused = await pc.push([pc.put('setting', 'b', { value: 2 })]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    expect((await pc.pull(0)).status).toBe(429);
    // Another user keeps their own allowance.
    const other = (await newStudent(limited.url)).machine(limited.url);
    expect((await other.pull(0)).status).toBe(200);
    const stored = await admin.query<{ n: string }>('SELECT count(*) AS n FROM remote_sync_record WHERE user_id = $1', [s.userId]);
    expect(Number(stored.rows[0]!.n)).toBe(1);
  });
});

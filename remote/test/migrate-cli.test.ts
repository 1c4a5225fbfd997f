import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createPool } from '../src/db/pool.js';
import { startTempPostgres, type TempPostgres } from '../../tests/fixtures/temp-postgres.js';

const run = promisify(execFile);
let db: TempPostgres;

beforeAll(async () => {
  db = await startTempPostgres();
});
afterAll(async () => {
  await db?.destroy();
});

describe('npm run remote:migrate', () => {
  it('creates better-auth and our tables on DIRECT_DATABASE_URL, and is safe to run again', async () => {
    // DATABASE_URL points nowhere: migrations must use the direct URL.
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DIRECT_DATABASE_URL: db.url, BETTER_AUTH_SECRET: 'x'.repeat(40) };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'remote/src/migrate.ts'], { env, timeout: 60_000 });
    expect(stdout).toMatch(/postgres database is up to date/);
    // Again, in process (a second CLI start costs seconds): nothing to do, nothing fails.
    const pool = createPool(db.url, 1);
    try {
      await migrateDatabase({ config: loadConfig({}), database: pool, sql: pool, secret: 'x'.repeat(40), publicUrl: 'http://127.0.0.1', issuer: 'http://127.0.0.1', log: () => {} });
    } finally {
      await pool.end();
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      expect(rows.map((r) => r.table_name).sort()).toEqual(['account', 'jwks', 'remote_personalization', 'remote_personalization_flight', 'remote_rate_limit', 'remote_sync_client', 'remote_sync_gone', 'remote_sync_record', 'remote_sync_user', 'session', 'user', 'verification']);
      const cols = await client.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'user'");
      expect(cols.rows.map((r) => r.column_name)).toEqual(expect.arrayContaining(['softwareBackground', 'hardwareBackground', 'softwareDetail', 'hardwareDetail']));
    } finally {
      await client.end();
    }
  });
});

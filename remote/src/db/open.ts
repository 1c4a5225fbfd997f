import { join } from 'node:path';
import type pg from 'pg';
import type { RemoteConfig } from '../config.js';
import { EMBEDDED_POOL_MAX, startEmbeddedPostgres } from './embedded.js';
import { createPool } from './pool.js';

export type OpenDatabase = { pool: pg.Pool; kind: 'embedded' | 'postgres'; close: () => Promise<void> };

/**
 * DATABASE_URL set: a pool on it (or on DIRECT_DATABASE_URL when `direct`, for migrations: Neon's pooler does
 * not suit DDL). Unset: the embedded PGlite in REMOTE_DATA_DIR/pgdata.
 */
export async function openDatabase(config: RemoteConfig, opts: { direct?: boolean } = {}): Promise<OpenDatabase> {
  const url = opts.direct ? config.directDatabaseUrl : config.databaseUrl;
  if (url) {
    const pool = createPool(url, opts.direct ? 1 : config.poolMax);
    return { pool, kind: 'postgres', close: () => pool.end() };
  }
  const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pgdata'));
  const pool = createPool(embedded.url, EMBEDDED_POOL_MAX);
  return {
    pool,
    kind: 'embedded',
    close: async () => {
      await pool.end();
      await embedded.stop();
    },
  };
}

import type { BetterAuthOptions } from 'better-auth';
import type { RemoteConfig } from '../config.js';
import { withAdvisoryLock } from './advisory-lock.js';
import { EmbeddedDatabase } from './embedded.js';
import { createPool } from './pool.js';
import type { PoolStats } from '../metrics.js';
import type { Sql } from './sql.js';
import { poolTransact, type Transact } from './transaction.js';

/** `sql` for our own queries; `auth` is what better-auth is given for the same database. */
export type OpenDatabase = {
  sql: Sql;
  transact: Transact;
  auth: NonNullable<BetterAuthOptions['database']>;
  kind: 'embedded' | 'postgres';
  /** Runs `fn` as the only migrator of this database (Postgres: advisory lock; embedded: one process anyway). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Connections of the pool (Postgres only: the embedded database has none). */
  poolStats?: () => PoolStats;
  close: () => Promise<void>;
};

/**
 * DATABASE_URL set: a pool on it (or on DIRECT_DATABASE_URL when `direct`, for migrations: Neon's pooler does
 * not suit DDL). Unset: the embedded PGlite in REMOTE_DATA_DIR/pgdata, in process.
 */
export async function openDatabase(config: RemoteConfig, opts: { direct?: boolean } = {}): Promise<OpenDatabase> {
  const url = opts.direct ? config.directDatabaseUrl : config.databaseUrl;
  if (url) {
    const pool = createPool(url, opts.direct ? 1 : config.poolMax);
    const exclusive = <T>(fn: () => Promise<T>) => withAdvisoryLock(url, 'physical-ai-reader:migrate', fn);
    return { sql: pool, transact: poolTransact(pool), auth: pool, kind: 'postgres', exclusive, poolStats: () => pool, close: () => pool.end() };
  }
  const embedded = await EmbeddedDatabase.open(config.dataDir);
  return { sql: embedded, transact: embedded.transaction, auth: { dialect: embedded.dialect, type: 'postgres' }, kind: 'embedded', exclusive: (fn) => fn(), close: () => embedded.close() };
}

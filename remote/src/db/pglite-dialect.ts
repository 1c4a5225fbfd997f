import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

/** Takes the database for one caller; the returned function gives it back. */
export type Lock = () => Promise<() => void>;

/**
 * Kysely (and so better-auth) on an in-process PGlite, with no socket. PGlite has a single session, so a
 * "connection" is the whole database held under `lock`: a transaction keeps it until commit, and our own
 * queries (taking the same lock) cannot land inside someone else's transaction.
 */
export function pgliteDialect(db: PGlite, lock: Lock): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(db, lock),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
  };
}

class PgliteDriver implements Driver {
  private release: (() => void) | undefined;
  private readonly connection: DatabaseConnection;

  constructor(
    db: PGlite,
    private readonly lock: Lock,
  ) {
    this.connection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        const result = await db.query<R>(query.sql, [...query.parameters]);
        return { rows: result.rows, numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows) };
      },
      // better-auth never streams results; fail loudly rather than pretend.
      async *streamQuery() {
        throw new Error('Streaming queries are not supported on the embedded database.');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  // The database belongs to EmbeddedDatabase, which closes it.
  async destroy(): Promise<void> {}
}

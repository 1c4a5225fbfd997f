import { PGlite } from '@electric-sql/pglite';
import { join } from 'node:path';
import type { Dialect } from 'kysely';
import { pgliteDialect } from './pglite-dialect.js';
import { PRIVATE_UMASK, makePrivate } from './private-dir.js';
import type { Sql } from './sql.js';
import type { Transact } from './transaction.js';

/**
 * The embedded database for single-user development: PGlite inside this process, with no socket at all, so no
 * other local user can connect to it (a loopback socket would take any password). Its files are owner-only:
 * the data folder is tightened on start and the process umask is 077 while it is open, because PGlite keeps
 * creating files (WAL segments holding session tokens) long after start-up.
 */
export class EmbeddedDatabase implements Sql {
  private tail: Promise<void> = Promise.resolve();
  readonly dialect: Dialect;

  private constructor(
    private readonly db: PGlite,
    private readonly previousUmask: number,
  ) {
    this.dialect = pgliteDialect(db, () => this.lock());
  }

  /** Opens (creating if needed) the database in dataDir/pgdata. */
  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    const previousUmask = process.umask(PRIVATE_UMASK);
    try {
      await makePrivate(dataDir);
      const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
      // A first start's initdb writes its files 0666 whatever the umask; later files follow the umask.
      await makePrivate(dataDir);
      return new EmbeddedDatabase(db, previousUmask);
    } catch (err) {
      process.umask(previousUmask);
      throw err;
    }
  }

  async query<R extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<{ rows: R[] }> {
    const release = await this.lock();
    try {
      return await this.db.query<R>(text, params);
    } finally {
      release();
    }
  }

  /** One transaction holding the single session from BEGIN to COMMIT, so no other query lands inside it. */
  readonly transaction: Transact = async (fn) => {
    const release = await this.lock();
    try {
      return await this.db.transaction((tx) => fn({ query: (text, params = []) => tx.query(text, params) }));
    } finally {
      release();
    }
  };

  async close(): Promise<void> {
    const release = await this.lock();
    try {
      await this.db.close();
    } finally {
      release();
      process.umask(this.previousUmask);
    }
  }

  /** One holder at a time, in arrival order: PGlite has a single session, shared by better-auth and our code. */
  private lock(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }
}

import type pg from 'pg';
import type { Sql } from './sql.js';

/**
 * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws (or when
 * the connection dies half-way, which Postgres rolls back by itself).
 */
export type Transact = <T>(fn: (tx: Sql) => Promise<T>) => Promise<T>;

export function poolTransact(pool: pg.Pool): Transact {
  return async (fn) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out client whose server goes away emits 'error'; unheard, it would crash the process. The query in
    // flight fails on its own, and the client is dropped on release.
    const onError = (err: Error) => (broken = err);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is dropped rather than handed to the next request.
      await client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  };
}

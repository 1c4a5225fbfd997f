import pg from 'pg';

/**
 * Runs `fn` while this process holds a Postgres advisory lock named `name`, taken on a connection of its own (so
 * `fn` may use any pool, even a one-connection one). Several instances starting or migrating at once take turns
 * instead of racing through the same CREATE TABLEs. Ending the session releases the lock, also if we crash.
 */
export async function withAdvisoryLock<T>(url: string, name: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {}); // a lost connection fails the query in flight; nothing else should crash
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    return await fn();
  } finally {
    await client.end().catch(() => {});
  }
}

import pg from 'pg';

/**
 * One pg Pool for the whole process. TLS follows the URL (`sslmode=require` on Neon URLs); timeouts are short so
 * a dead database turns into a fast 503 instead of requests piling up.
 */
export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // A statement that hangs (database gone half-way) must not hold a request forever.
    query_timeout: 10_000,
  });
  // An idle client losing its server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => {});
  return pool;
}

/** True when the error means "the database cannot be reached", as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? '');
    if (typeof code === 'string' && (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03'].includes(code) || code.startsWith('08')))
      return true;
    if (/Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Query read timeout|Client has encountered a connection error/i.test(message))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What our own code needs from the database: one parameterized statement at a time. A pg.Pool fits it, and so
 * does the in-process embedded database, so the rate limiter, cache and checks work unchanged on both.
 */
export type Sql = {
  query<R extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
};

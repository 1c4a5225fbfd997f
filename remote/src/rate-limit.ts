import type { Sql } from './db/sql.js';

export type RateRule = { window: number; max: number };
export type RateDecision = { allowed: boolean; retryAfter: number | null };

/**
 * Fixed-window counters in Postgres so every instance behind a load balancer shares them. One statement both
 * checks and counts (no read-then-write race), and the database clock is the only clock, so instances with
 * skewed clocks still agree. Same shape as better-auth's `rateLimit.customStorage`, which uses it too.
 */
export class PostgresRateLimiter {
  private lastPrune = 0;
  constructor(private readonly db: Sql) {}

  async consume(key: string, rule: RateRule): Promise<RateDecision> {
    const windowMs = rule.window * 1000;
    const { rows } = await this.db.query<{ hits: number; window_start: string; now_ms: string }>(
      `WITH now_ms AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS v)
       INSERT INTO remote_rate_limit AS r (key, window_start, hits)
       SELECT $1, v, 1 FROM now_ms
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN r.window_start <= (SELECT v FROM now_ms) - $2 THEN (SELECT v FROM now_ms) ELSE r.window_start END,
         hits = CASE WHEN r.window_start <= (SELECT v FROM now_ms) - $2 THEN 1 ELSE r.hits + 1 END
       RETURNING hits, window_start, (SELECT v FROM now_ms) AS now_ms`,
      [key, windowMs],
    );
    const row = rows[0]!;
    this.maybePrune(Number(row.now_ms));
    if (row.hits <= rule.max) return { allowed: true, retryAfter: null };
    const retryAfter = Math.max(1, Math.ceil((Number(row.window_start) + windowMs - Number(row.now_ms)) / 1000));
    return { allowed: false, retryAfter };
  }

  /** Drop counters idle for a day, at most once a minute per instance; failures only delay the cleanup. */
  private maybePrune(nowMs: number): void {
    if (nowMs - this.lastPrune < 60_000) return;
    this.lastPrune = nowMs;
    this.db.query('DELETE FROM remote_rate_limit WHERE window_start < $1', [nowMs - 86_400_000]).catch(() => {});
  }
}

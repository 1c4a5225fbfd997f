import type { Sql } from './db/sql.js';

export type RateRule = { window: number; max: number };
export type RateDecision = { allowed: boolean; retryAfter: number | null };
/** What a counting statement returns for one key: the window's hits so far and its start, on the database clock. */
export type CountedRow = { hits: number; window_start: string; now_ms: string };

/** The database clock in ms, as a CTE every counting statement starts with (one clock for every instance). */
export const NOW_MS_CTE = 'now_ms AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS v)';

/**
 * The upsert that counts one hit on the key in parameter `key` for a window of `windowMs` ms (parameter
 * references such as '$1'), for a CTE of a bigger statement. `onlyIf`, a condition on an earlier CTE, makes the
 * hit count only when it holds (e.g. only when the reader's own allowance let the request through).
 */
export function countHitSql(key: string, windowMs: string, onlyIf?: { from: string; where: string }): string {
  const source = onlyIf ? `FROM now_ms, ${onlyIf.from} WHERE ${onlyIf.where}` : 'FROM now_ms';
  return `INSERT INTO remote_rate_limit AS r (key, window_start, hits)
       SELECT ${key}, v, 1 ${source}
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN r.window_start <= (SELECT v FROM now_ms) - ${windowMs} THEN (SELECT v FROM now_ms) ELSE r.window_start END,
         hits = CASE WHEN r.window_start <= (SELECT v FROM now_ms) - ${windowMs} THEN 1 ELSE r.hits + 1 END
       RETURNING hits, window_start`;
}

/** The decision for one counted row under `rule`. */
export function decide(row: CountedRow, rule: RateRule): RateDecision {
  if (row.hits <= rule.max) return { allowed: true, retryAfter: null };
  const retryAfter = Math.max(1, Math.ceil((Number(row.window_start) + rule.window * 1000 - Number(row.now_ms)) / 1000));
  return { allowed: false, retryAfter };
}

/** Which limit a key belongs to, for metrics: our own key prefixes, and better-auth's (ip + path) as `auth`. */
export function rateScope(key: string): string {
  for (const scope of ['personalize:user', 'chat:user', 'chat:anon-all', 'chat:anon', 'sync:user']) if (key.startsWith(scope)) return scope;
  return 'auth';
}

/**
 * Fixed-window counters in Postgres so every instance behind a load balancer shares them. One statement both
 * checks and counts (no read-then-write race), and the database clock is the only clock, so instances with
 * skewed clocks still agree. Same shape as better-auth's `rateLimit.customStorage`, which uses it too.
 * `onRefused` hears the scope of every refusal (metrics); it never sees the key, which can hold a user id or IP.
 */
export class PostgresRateLimiter {
  private lastPrune = 0;
  constructor(
    private readonly db: Sql,
    private readonly onRefused: (scope: string) => void = () => {},
  ) {}

  async consume(key: string, rule: RateRule): Promise<RateDecision> {
    const { rows } = await this.db.query<CountedRow>(
      `WITH ${NOW_MS_CTE}, hit AS (${countHitSql('$1', '$2')})
       SELECT hits, window_start, (SELECT v FROM now_ms) AS now_ms FROM hit`,
      [key, rule.window * 1000],
    );
    return this.decided(key, rows[0]!, rule);
  }

  /**
   * Two limits in one round trip: `first` is always counted, `then` only when `first` allows the request (so a
   * client refused its own allowance does not use up a shared budget). The request is allowed when both allow it;
   * the refusal returned is the first one that applies, with the key it came from.
   */
  async consumeBoth(first: { key: string; rule: RateRule }, then: { key: string; rule: RateRule }): Promise<{ decision: RateDecision; refusedBy?: string }> {
    const { rows } = await this.db.query<CountedRow & { then_hits: number | null; then_window_start: string | null }>(
      `WITH ${NOW_MS_CTE},
         a AS (${countHitSql('$1', '$2')}),
         b AS (${countHitSql('$4', '$5', { from: 'a', where: 'a.hits <= $3' })})
       SELECT a.hits, a.window_start, b.hits AS then_hits, b.window_start AS then_window_start, (SELECT v FROM now_ms) AS now_ms
       FROM a LEFT JOIN b ON true`,
      [first.key, first.rule.window * 1000, first.rule.max, then.key, then.rule.window * 1000],
    );
    const row = rows[0]!;
    const own = this.decided(first.key, row, first.rule);
    if (!own.allowed || row.then_hits === null) return { decision: own, refusedBy: own.allowed ? undefined : first.key };
    const shared = this.decided(then.key, { hits: row.then_hits, window_start: row.then_window_start!, now_ms: row.now_ms }, then.rule);
    return { decision: shared, refusedBy: shared.allowed ? undefined : then.key };
  }

  /** The decision for a row this instance counted; prunes now and then, and reports a refusal's scope. */
  decided(key: string, row: CountedRow, rule: RateRule): RateDecision {
    this.maybePrune(Number(row.now_ms));
    const decision = decide(row, rule);
    if (!decision.allowed) this.onRefused(rateScope(key));
    return decision;
  }

  /** Drop counters idle for a day, at most once a minute per instance; failures only delay the cleanup. */
  private maybePrune(nowMs: number): void {
    if (nowMs - this.lastPrune < 60_000) return;
    this.lastPrune = nowMs;
    this.db.query('DELETE FROM remote_rate_limit WHERE window_start < $1', [nowMs - 86_400_000]).catch(() => {});
  }
}

import type { GenerationBackground as Background } from '@physical-ai-reader/protocol';
import { createHash } from 'node:crypto';
import type { Sql } from './db/sql.js';
import { countHitSql, NOW_MS_CTE, type CountedRow, type PostgresRateLimiter, type RateDecision, type RateRule } from './rate-limit.js';

/** userId: each reader has their own entries, so nobody learns from, or changes, what another reader gets. */
export type CacheKey = { userId: string; contentHash: string; background: Background; model: string; promptVersion: number };

/** sha256 of the chapter as sent (title and Markdown): the same text gives the same hash on every machine. */
export function chapterHash(title: string, markdown: string): string {
  return createHash('sha256').update(title).update('\0').update(markdown).digest('hex');
}

function keyOf(k: CacheKey): string {
  return createHash('sha256')
    .update([k.userId, k.contentHash, k.background.software, k.background.hardware, k.model, String(k.promptVersion)].join('\0'))
    .digest('hex');
}

/** Finished personalized chapters in Postgres, per reader, shared by every instance. Only complete generations are stored. */
export class PersonalizationCache {
  constructor(private readonly db: Sql) {}

  /**
   * A hit counted on the reader's rate limit and, when it is allowed, their cached chapter: one statement, so a
   * cache hit costs one round trip and one pooled connection. The counting is the limiter's own (same SQL).
   */
  async getCounted(k: CacheKey, limiter: PostgresRateLimiter, rate: { key: string; rule: RateRule }): Promise<{ decision: RateDecision; body: string | undefined }> {
    const { rows } = await this.db.query<CountedRow & { body: string | null }>(
      `WITH ${NOW_MS_CTE}, hit AS (${countHitSql('$1', '$2')})
       SELECT hits, window_start, (SELECT v FROM now_ms) AS now_ms,
         CASE WHEN hits <= $3 THEN (SELECT body FROM remote_personalization WHERE cache_key = $4) END AS body
       FROM hit`,
      [rate.key, rate.rule.window * 1000, rate.rule.max, keyOf(k)],
    );
    const row = rows[0]!;
    return { decision: limiter.decided(rate.key, row, rate.rule), body: row.body ?? undefined };
  }

  async put(k: CacheKey, body: string): Promise<void> {
    await this.db.query(
      `INSERT INTO remote_personalization
         (cache_key, user_id, content_hash, software_background, hardware_background, model, prompt_version, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (cache_key) DO UPDATE SET body = EXCLUDED.body`,
      [keyOf(k), k.userId, k.contentHash, k.background.software, k.background.hardware, k.model, k.promptVersion, body],
    );
  }
}

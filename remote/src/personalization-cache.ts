import type { GenerationBackground as Background } from '@physical-ai-reader/protocol';
import { createHash } from 'node:crypto';
import type { Sql } from './db/sql.js';
import { countHitSql, NOW_MS_CTE, type CountedRow, type PostgresRateLimiter, type RateDecision, type RateRule } from './rate-limit.js';

/**
 * What a personalized chapter depends on. personalizeMessages() (prompts.ts) builds the prompt from the two
 * background levels, the title and the Markdown only: no name, email, user id or free-text detail. So the text
 * depends on (contentHash, background, model, promptVersion) and readers with the same background share one
 * entry: 50 students opening a chapter cost one Groq call. contentHash is of the chapter as sent, so a client
 * sending a doctored chapter only ever reads and writes its own entry. userId keys a reader's own regenerated
 * rewrite, which only that reader gets.
 */
export type CacheKey = { userId: string; contentHash: string; background: Background; model: string; promptVersion: number };

/** sha256 of the chapter as sent (title and Markdown): the same text gives the same hash on every machine. */
export function chapterHash(title: string, markdown: string): string {
  return createHash('sha256').update(title).update('\0').update(markdown).digest('hex');
}

const sha = (parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');
const contentParts = (k: CacheKey) => [k.contentHash, k.background.software, k.background.hardware, k.model, String(k.promptVersion)];

/** The entry every reader with this background shares (and the key of its one generation in flight). */
export const sharedKeyOf = (k: CacheKey): string => sha(contentParts(k));
/** One reader's own entry, written by their `regenerate` (the same key per-reader entries always had). */
const ownKeyOf = (k: CacheKey): string => sha([k.userId, ...contentParts(k)]);

/** The reader's own entry first (shared is false there), then the shared one; own and shared are parameter names. */
const bodySql = (own: string, shared: string) => `SELECT body FROM remote_personalization WHERE cache_key IN (${own}, ${shared}) ORDER BY shared LIMIT 1`;

/** Finished personalized chapters in Postgres, shared by every instance. Only complete generations are stored. */
export class PersonalizationCache {
  constructor(private readonly db: Sql) {}

  /** The reader's own regenerated rewrite if there is one, else the shared one. */
  async get(k: CacheKey): Promise<string | undefined> {
    const { rows } = await this.db.query<{ body: string }>(bodySql('$1', '$2'), [ownKeyOf(k), sharedKeyOf(k)]);
    return rows[0]?.body;
  }

  /**
   * A hit counted on the reader's rate limit and, when it is allowed, what get() reads: one statement, so a cache
   * hit costs one round trip and one pooled connection. The counting is the limiter's own (same SQL).
   */
  async getCounted(k: CacheKey, limiter: PostgresRateLimiter, rate: { key: string; rule: RateRule }): Promise<{ decision: RateDecision; body: string | undefined }> {
    const { rows } = await this.db.query<CountedRow & { body: string | null }>(
      `WITH ${NOW_MS_CTE}, hit AS (${countHitSql('$1', '$2')})
       SELECT hits, window_start, (SELECT v FROM now_ms) AS now_ms,
         CASE WHEN hits <= $3 THEN (${bodySql('$4', '$5')}) END AS body
       FROM hit`,
      [rate.key, rate.rule.window * 1000, rate.rule.max, ownKeyOf(k), sharedKeyOf(k)],
    );
    const row = rows[0]!;
    return { decision: limiter.decided(rate.key, row, rate.rule), body: row.body ?? undefined };
  }

  async putShared(k: CacheKey, body: string): Promise<void> {
    await this.put(sharedKeyOf(k), null, k, body);
  }

  async putOwn(k: CacheKey, body: string): Promise<void> {
    await this.put(ownKeyOf(k), k.userId, k, body);
  }

  private async put(cacheKey: string, userId: string | null, k: CacheKey, body: string): Promise<void> {
    await this.db.query(
      `INSERT INTO remote_personalization
         (cache_key, user_id, shared, content_hash, software_background, hardware_background, model, prompt_version, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (cache_key) DO UPDATE SET body = EXCLUDED.body`,
      [cacheKey, userId, userId === null, k.contentHash, k.background.software, k.background.hardware, k.model, k.promptVersion, body],
    );
  }
}

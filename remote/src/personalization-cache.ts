import type { GenerationBackground as Background } from '@physical-ai-reader/protocol';
import { createHash } from 'node:crypto';
import type { Sql } from './db/sql.js';

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

  async get(k: CacheKey): Promise<string | undefined> {
    const { rows } = await this.db.query<{ body: string }>('SELECT body FROM remote_personalization WHERE cache_key = $1', [keyOf(k)]);
    return rows[0]?.body;
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

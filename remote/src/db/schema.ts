import type { Sql } from './sql.js';

/**
 * Our own tables, next to better-auth's. Idempotent: `remote:migrate` and the embedded start-up run it every time.
 * - remote_rate_limit: fixed-window counters shared by every instance (one atomic upsert per hit).
 * - remote_personalization: finished personalized chapters keyed by reader, content hash, backgrounds, model and
 *   prompt version. Entries from before they were per reader (user_id NULL) were shared across accounts: dropped.
 */
export const OWN_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS remote_rate_limit (
  key text PRIMARY KEY,
  window_start bigint NOT NULL,
  hits integer NOT NULL
);
CREATE INDEX IF NOT EXISTS remote_rate_limit_window_start ON remote_rate_limit (window_start);
CREATE TABLE IF NOT EXISTS remote_personalization (
  cache_key text PRIMARY KEY,
  user_id text,
  content_hash text NOT NULL,
  software_background text NOT NULL,
  hardware_background text NOT NULL,
  model text NOT NULL,
  prompt_version integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE remote_personalization ADD COLUMN IF NOT EXISTS user_id text;
DELETE FROM remote_personalization WHERE user_id IS NULL;
`;

export async function migrateOwnSchema(db: Sql): Promise<void> {
  // One statement per call: the embedded database takes no multi-statement strings with the extended protocol.
  for (const statement of OWN_SCHEMA_SQL.split(';').map((s) => s.trim()).filter(Boolean)) await db.query(statement);
}

import type { Sql } from './sql.js';

/**
 * Our own tables, next to better-auth's. Idempotent: `remote:migrate` and the embedded start-up run it every time.
 * - remote_rate_limit: fixed-window counters shared by every instance (one atomic upsert per hit).
 * - remote_personalization: finished personalized chapters keyed by content hash, backgrounds, model and prompt
 *   version: `shared` rows (user_id NULL) serve every reader with that background; rows with a user_id are one
 *   reader's own regenerated rewrite. Rows from an older scheme (user_id NULL, not shared) are dropped.
 * - remote_personalization_flight: the one generation of a shared entry under way, across instances: who leads it
 *   and until when (a lease the leader renews; an expired one may be taken over), the text so far (which waiting
 *   instances stream), or why it failed.
 * - remote_sync_user: per user, the version of the last push that changed something (every push locks this row
 *   first, which serialises one user's pushes across instances), the version below which tombstones were purged,
 *   and the bytes of record data held (quota).
 * - remote_sync_client: the last mutation id consumed per (user, client): a retried push changes nothing.
 * - remote_sync_record: the current state of each synced entity, stamped with the version that last changed it.
 * - remote_sync_gone: keys of purged tombstones, so a put arriving after the purge still cannot bring one back.
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
ALTER TABLE remote_personalization ADD COLUMN IF NOT EXISTS shared boolean NOT NULL DEFAULT false;
DELETE FROM remote_personalization WHERE user_id IS NULL AND NOT shared;
CREATE TABLE IF NOT EXISTS remote_personalization_flight (
  cache_key text PRIMARY KEY,
  owner text NOT NULL,
  lease_until timestamptz NOT NULL,
  failure text
);
ALTER TABLE remote_personalization_flight ADD COLUMN IF NOT EXISTS progress text NOT NULL DEFAULT '';
ALTER TABLE remote_personalization_flight ADD COLUMN IF NOT EXISTS watched_until timestamptz;
CREATE TABLE IF NOT EXISTS remote_sync_user (
  user_id text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0,
  oldest_cursor bigint NOT NULL DEFAULT 0,
  bytes bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS remote_sync_client (
  user_id text NOT NULL,
  client_id text NOT NULL,
  last_mutation_id bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, client_id)
);
CREATE TABLE IF NOT EXISTS remote_sync_record (
  user_id text NOT NULL,
  kind text NOT NULL,
  entity_id text NOT NULL,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  field_versions jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  updated_by_client text NOT NULL,
  bytes integer NOT NULL,
  PRIMARY KEY (user_id, kind, entity_id)
);
CREATE INDEX IF NOT EXISTS remote_sync_record_user_version ON remote_sync_record (user_id, version);
CREATE INDEX IF NOT EXISTS remote_sync_record_tombstone_age ON remote_sync_record (deleted_at) WHERE deleted;
CREATE TABLE IF NOT EXISTS remote_sync_gone (
  user_id text NOT NULL,
  kind text NOT NULL,
  entity_id text NOT NULL,
  PRIMARY KEY (user_id, kind, entity_id)
);
`;

export async function migrateOwnSchema(db: Sql): Promise<void> {
  // One statement per call: the embedded database takes no multi-statement strings with the extended protocol.
  for (const statement of OWN_SCHEMA_SQL.split(';').map((s) => s.trim()).filter(Boolean)) await db.query(statement);
}

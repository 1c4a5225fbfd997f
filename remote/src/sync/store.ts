import type { SyncMutation, SyncPullResponse, SyncPushResponse, SyncRecord, SyncRejection } from '@physical-ai-reader/protocol';
import type { Sql } from '../db/sql.js';
import type { Transact } from '../db/transaction.js';
import { applyMutation, TOMBSTONE, type StoredRecord } from './merge.js';

/** One mutation of a push after its own check: applicable, or refused with a reason (still consumed). */
export type CheckedMutation = { index: number; id: number } & ({ mutation: SyncMutation } | { reason: string });

/** The first new mutation does not follow the client's last one: the push is refused whole. */
export class MutationGapError extends Error {
  constructor(readonly lastMutationId: number, readonly firstNewId: number) {
    super(`Mutation ${firstNewId} does not follow ${lastMutationId}, the last one received from this client; nothing was applied.`);
  }
}
/** The push would take the user's records over the quota: refused whole. */
export class QuotaExceededError extends Error {}
/** The cursor cannot be continued from (tombstones it has not seen were purged, or it is from another history). */
export class ResyncRequiredError extends Error {}

type UserRow = { version: string; bytes: string; oldest_cursor: string };
const keyOf = (kind: string, entityId: string) => `${kind}\u0000${entityId}`;

/**
 * Applies the new mutations of one push in ONE transaction. The user's row is locked first (an upsert), so pushes
 * of one user are serialised across every instance; the version is bumped only when some record changes, so a
 * user's versions run 1, 2, 3 ... without gaps, and every record changed by this push carries the new version.
 * Mutations with id <= the client's last are skipped (a retry changes nothing).
 */
export async function push(
  transact: Transact,
  userId: string,
  clientId: string,
  checked: CheckedMutation[],
  quotaBytes: number,
): Promise<SyncPushResponse> {
  return transact(async (tx) => {
    const user = (
      await tx.query<UserRow>(
        `INSERT INTO remote_sync_user (user_id) VALUES ($1)
         ON CONFLICT (user_id) DO UPDATE SET user_id = excluded.user_id
         RETURNING version, bytes, oldest_cursor`,
        [userId],
      )
    ).rows[0]!;
    const version = Number(user.version);
    const { rows: clients } = await tx.query<{ last_mutation_id: string }>(
      'SELECT last_mutation_id FROM remote_sync_client WHERE user_id = $1 AND client_id = $2',
      [userId, clientId],
    );
    const last = Number(clients[0]?.last_mutation_id ?? 0);
    const fresh = checked.filter((c) => c.id > last);
    if (fresh.length === 0) return { version, lastMutationId: last, rejected: [] };
    if (fresh[0]!.id !== last + 1) throw new MutationGapError(last, fresh[0]!.id);

    const rejected: SyncRejection[] = [];
    const valid: SyncMutation[] = [];
    for (const c of fresh) {
      if ('reason' in c) rejected.push({ index: c.index, id: c.id, reason: c.reason });
      else valid.push(c.mutation);
    }

    const newVersion = version + 1;
    const state = await loadRecords(tx, userId, valid);
    const changed = new Map<string, { kind: string; entityId: string; record: StoredRecord; before: number }>();
    for (const m of valid) {
      const key = keyOf(m.kind, m.entityId);
      const next = applyMutation(state.get(key), m, newVersion);
      if (!next) continue;
      const before = changed.get(key)?.before ?? state.get(key)?.bytes ?? 0;
      state.set(key, next);
      changed.set(key, { kind: m.kind, entityId: m.entityId, record: next, before });
    }

    const lastMutationId = fresh.at(-1)!.id;
    let resultVersion = version;
    if (changed.size > 0) {
      const oldBytes = Number(user.bytes);
      let bytes = oldBytes;
      for (const c of changed.values()) bytes += c.record.bytes - c.before;
      // Over the quota, only pushes that shrink the total (deletes, shorter notes) still go through.
      if (bytes > quotaBytes && bytes > oldBytes) throw new QuotaExceededError(`Synced data would take ${bytes} bytes; the limit is ${quotaBytes}.`);
      const rows = [...changed.values()].map((c) => ({
        kind: c.kind,
        entity_id: c.entityId,
        data: c.record.data,
        field_versions: c.record.fieldVersions,
        deleted: c.record.deleted,
        bytes: c.record.bytes,
      }));
      await tx.query(
        `INSERT INTO remote_sync_record AS r (user_id, kind, entity_id, version, data, field_versions, deleted, deleted_at, updated_by_client, bytes)
         SELECT $1, x.kind, x.entity_id, $2, x.data, x.field_versions, x.deleted, CASE WHEN x.deleted THEN now() END, $3, x.bytes
         FROM jsonb_to_recordset($4::jsonb) AS x(kind text, entity_id text, data jsonb, field_versions jsonb, deleted boolean, bytes integer)
         ON CONFLICT (user_id, kind, entity_id) DO UPDATE SET
           version = excluded.version, data = excluded.data, field_versions = excluded.field_versions, deleted = excluded.deleted,
           deleted_at = excluded.deleted_at, updated_by_client = excluded.updated_by_client, bytes = excluded.bytes`,
        [userId, newVersion, clientId, JSON.stringify(rows)],
      );
      await tx.query('UPDATE remote_sync_user SET version = $2, bytes = $3 WHERE user_id = $1', [userId, newVersion, bytes]);
      resultVersion = newVersion;
    }
    await tx.query(
      `INSERT INTO remote_sync_client (user_id, client_id, last_mutation_id) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, updated_at = now()`,
      [userId, clientId, lastMutationId],
    );
    return { version: resultVersion, lastMutationId, rejected };
  });
}

/** The stored state of every entity the mutations touch (purged tombstones count as tombstones), in one query. */
async function loadRecords(tx: Sql, userId: string, mutations: SyncMutation[]): Promise<Map<string, StoredRecord>> {
  const state = new Map<string, StoredRecord>();
  if (mutations.length === 0) return state;
  const keys = JSON.stringify([...new Map(mutations.map((m) => [keyOf(m.kind, m.entityId), { kind: m.kind, entity_id: m.entityId }])).values()]);
  const { rows } = await tx.query<{ kind: string; entity_id: string; data: Record<string, unknown> | null; field_versions: Record<string, number> | null; deleted: boolean; bytes: number | null }>(
    `WITH k AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(kind text, entity_id text))
     SELECT r.kind, r.entity_id, r.data, r.field_versions, r.deleted, r.bytes
       FROM remote_sync_record r JOIN k ON r.kind = k.kind AND r.entity_id = k.entity_id WHERE r.user_id = $1
     UNION ALL
     SELECT g.kind, g.entity_id, NULL, NULL, true, 0
       FROM remote_sync_gone g JOIN k ON g.kind = k.kind AND g.entity_id = k.entity_id WHERE g.user_id = $1`,
    [userId, keys],
  );
  for (const r of rows) {
    state.set(keyOf(r.kind, r.entity_id), r.deleted ? TOMBSTONE : { data: r.data ?? {}, fieldVersions: r.field_versions ?? {}, deleted: false, bytes: r.bytes ?? 0 });
  }
  return state;
}

/**
 * Records changed after `cursor`, in version order, read in one snapshot (REPEATABLE READ) so `nextCursor` never
 * skips a push that commits meanwhile. A page never splits a version: it ends with the whole version of its
 * `limit`-th record, so it may hold up to (records per push - 1) more. Cursor 0 is the live state without
 * tombstones. Throws ResyncRequiredError for 0 < cursor < oldest_cursor, or a cursor beyond the user's version.
 */
export async function pull(transact: Transact, userId: string, cursor: number, limit: number): Promise<SyncPullResponse> {
  return transact(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { rows: users } = await tx.query<UserRow>('SELECT version, bytes, oldest_cursor FROM remote_sync_user WHERE user_id = $1', [userId]);
    const version = Number(users[0]?.version ?? 0);
    const oldest = Number(users[0]?.oldest_cursor ?? 0);
    if (cursor > version || (cursor > 0 && cursor < oldest)) throw new ResyncRequiredError();
    const live = cursor === 0;
    const { rows: ends } = await tx.query<{ v: string | null }>(
      `SELECT max(version) AS v FROM (
         SELECT version FROM remote_sync_record WHERE user_id = $1 AND version > $2 AND ($3 = false OR NOT deleted) ORDER BY version LIMIT $4
       ) page`,
      [userId, cursor, live, limit],
    );
    const end = ends[0]?.v === null || ends[0]?.v === undefined ? null : Number(ends[0].v);
    if (end === null) return { records: [], nextCursor: version, hasMore: false, version };
    const { rows } = await tx.query<{ kind: SyncRecord['kind']; entity_id: string; version: string; deleted: boolean; data: Record<string, unknown> }>(
      `SELECT kind, entity_id, version, deleted, data FROM remote_sync_record
        WHERE user_id = $1 AND version > $2 AND version <= $3 AND ($4 = false OR NOT deleted)
        ORDER BY version, kind, entity_id`,
      [userId, cursor, end, live],
    );
    const { rows: more } = await tx.query<{ more: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM remote_sync_record WHERE user_id = $1 AND version > $2 AND ($3 = false OR NOT deleted)) AS more',
      [userId, end, live],
    );
    const hasMore = more[0]!.more;
    return {
      records: rows.map((r) => ({ kind: r.kind, entityId: r.entity_id, version: Number(r.version), deleted: r.deleted, data: r.deleted ? null : r.data })),
      nextCursor: hasMore ? end : version,
      hasMore,
      version,
    };
  });
}

/**
 * Drops tombstones deleted more than `retentionSeconds` ago, keeping their keys in remote_sync_gone (a late put
 * still cannot revive them), and raises each user's oldest_cursor to the newest version dropped: a client whose
 * cursor is below it may have missed a delete and must pull from 0. One statement, so all or nothing.
 */
export async function purgeTombstones(db: Sql, retentionSeconds: number): Promise<number> {
  const { rows } = await db.query<{ purged: string }>(
    `WITH gone AS (
       DELETE FROM remote_sync_record WHERE deleted AND deleted_at < now() - make_interval(secs => $1)
       RETURNING user_id, kind, entity_id, version
     ), kept AS (
       INSERT INTO remote_sync_gone (user_id, kind, entity_id) SELECT user_id, kind, entity_id FROM gone ON CONFLICT DO NOTHING
     ), raised AS (
       UPDATE remote_sync_user u SET oldest_cursor = greatest(u.oldest_cursor, g.v)
         FROM (SELECT user_id, max(version) AS v FROM gone GROUP BY user_id) g WHERE u.user_id = g.user_id
     )
     SELECT count(*) AS purged FROM gone`,
    [retentionSeconds],
  );
  return Number(rows[0]!.purged);
}

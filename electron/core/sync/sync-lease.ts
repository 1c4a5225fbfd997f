/**
 * One sync at a time per data dir, across processes (the app's engine and `reader sync`): a lease row in
 * sync_state (`lease`: owner id and expiry). Two runs at once would both take or resend the batch in flight and
 * lose track of which one is in flight. The lease is taken with one atomic upsert that only wins when the row is
 * absent, expired or already ours; it is renewed while the run lasts and released at its end. A crashed owner's
 * lease simply expires.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export const LEASE_MS = 30_000;

export class SyncBusyError extends Error {
  constructor() {
    super('Another sync is running on this machine; try again in a moment.');
  }
}

/** Takes (or renews) the lease for `owner`; false when another live owner holds it. */
export function takeLease(db: Database.Database, owner: string, now = Date.now(), ms = LEASE_MS): boolean {
  const value = JSON.stringify({ owner, expires: now + ms });
  const r = db
    .prepare(
      `INSERT INTO sync_state (key, value) VALUES ('lease', @value)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value
       WHERE json_extract(sync_state.value, '$.expires') <= @now OR json_extract(sync_state.value, '$.owner') = @owner`,
    )
    .run({ value, now, owner });
  return r.changes === 1;
}

export function releaseLease(db: Database.Database, owner: string): void {
  db.prepare(`DELETE FROM sync_state WHERE key = 'lease' AND json_extract(value, '$.owner') = ?`).run(owner);
}

/** Runs `work` holding the lease (renewed every third of its life); throws SyncBusyError without running it otherwise. */
export async function withSyncLease<T>(db: Database.Database, work: () => Promise<T>, ms = LEASE_MS): Promise<T> {
  const owner = randomUUID();
  if (!takeLease(db, owner, Date.now(), ms)) throw new SyncBusyError();
  const renew = setInterval(() => takeLease(db, owner, Date.now(), ms), Math.max(1, Math.floor(ms / 3)));
  try {
    return await work();
  } finally {
    clearInterval(renew);
    releaseLease(db, owner);
  }
}

/**
 * What this data dir keeps about sync (table sync_state, migration 5): its device id (stable: progress records are
 * per device), its client id and next mutation id (new after a sign-out wipe: the service numbers mutations per
 * student and client), the batch in flight, the pull cursor and the last successful sync.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** `owner`: the user id whose synced data this library holds; `lease`: who is syncing now (sync-lease.ts). */
export type SyncStateKey = 'deviceId' | 'clientId' | 'nextMutationId' | 'inflight' | 'cursor' | 'lastSyncedAt' | 'owner' | 'lease';

export function readSyncState(db: Database.Database, key: SyncStateKey): string | null {
  const r = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? r.value : null;
}

export function writeSyncState(db: Database.Database, key: SyncStateKey, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
  else db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The stored value, made (a random UUID) and kept on first use. */
function idFor(db: Database.Database, key: 'deviceId' | 'clientId'): string {
  const existing = readSyncState(db, key);
  if (existing) return existing;
  const id = randomUUID();
  writeSyncState(db, key, id);
  return id;
}

export const deviceIdOf = (db: Database.Database): string => idFor(db, 'deviceId');
export const clientIdOf = (db: Database.Database): string => idFor(db, 'clientId');

/** How other machines name this one in "continue where you left off on …". */
export const deviceName = (): string => hostname().slice(0, 100);

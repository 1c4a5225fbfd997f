/**
 * What sign-out leaves behind: nothing of the student's synced data (highlights, notes, threads, bookmarks,
 * progress, synced settings, the outbox, the cursor, what waited for books). Unsent changes the student chose to keep
 * are set aside under their user id and go back into the outbox when they next sign in on this machine.
 */
import type Database from 'better-sqlite3';
import type { SyncMutation } from '@physical-ai-reader/protocol';
import { enqueue, pendingChanges, type OutboxChange } from './outbox.js';
import { readSyncState, writeSyncState } from './sync-state.js';
import { syncedSettingKeys } from './synced-settings.js';

const STUDENT_TABLES = ['ask_messages', 'ask_threads', 'annotations', 'bookmarks', 'progress', 'sync_outbox', 'sync_parked', 'sync_remote_progress'];

/** The batch in flight and the outbox, as changes (ids dropped: they are numbered again when sent). */
function unsentChanges(db: Database.Database): OutboxChange[] {
  const inflight = readSyncState(db, 'inflight');
  const sent = inflight ? (JSON.parse(inflight) as { mutations: SyncMutation[] }).mutations : [];
  const strip = ({ id: _id, ...c }: SyncMutation): OutboxChange => c;
  return [...sent.map(strip), ...pendingChanges(db, Number.MAX_SAFE_INTEGER).map(({ seq: _seq, ...c }) => c)];
}

/** Removes the student's synced data in one transaction; `keepFor`: set the unsent changes aside for that user. */
export function wipeStudentData(db: Database.Database, keepFor: string | null): { kept: number; discarded: number } {
  return db.transaction(() => {
    const unsent = unsentChanges(db);
    if (keepFor !== null && unsent.length > 0) {
      const before = db.prepare('SELECT mutations FROM sync_kept WHERE user_id = ?').get(keepFor) as { mutations: string } | undefined;
      const all = [...(before ? (JSON.parse(before.mutations) as OutboxChange[]) : []), ...unsent];
      db.prepare('INSERT INTO sync_kept (user_id, mutations) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET mutations = excluded.mutations').run(keepFor, JSON.stringify(all));
    }
    for (const table of STUDENT_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    // Machine-only settings are not the student's: they stay.
    const synced = syncedSettingKeys();
    db.prepare(`DELETE FROM settings WHERE key IN (${synced.map(() => '?').join(', ')})`).run(...synced);
    // A new client id for the next student: the service numbers mutations per student and client.
    for (const key of ['clientId', 'nextMutationId', 'inflight', 'cursor', 'lastSyncedAt', 'owner'] as const) writeSyncState(db, key, null);
    return keepFor !== null ? { kept: unsent.length, discarded: 0 } : { kept: 0, discarded: unsent.length };
  })();
}

/**
 * Makes this library the student's before their data syncs: another student's synced data still here (their
 * session ended without a sign-out here, e.g. revoked elsewhere) is removed first, their unsent changes set aside
 * for them; then the student's own kept changes go back into the outbox.
 */
export function claimFor(db: Database.Database, userId: string): void {
  const owner = readSyncState(db, 'owner');
  if (owner !== null && owner !== userId) wipeStudentData(db, owner);
  writeSyncState(db, 'owner', userId);
  restoreKept(db, userId);
}

/** Puts the changes a student kept here back into the outbox (on their sign-in). Returns how many. */
export function restoreKept(db: Database.Database, userId: string): number {
  return db.transaction(() => {
    const row = db.prepare('SELECT mutations FROM sync_kept WHERE user_id = ?').get(userId) as { mutations: string } | undefined;
    if (!row) return 0;
    const changes = JSON.parse(row.mutations) as OutboxChange[];
    for (const c of changes) enqueue(db, c);
    db.prepare('DELETE FROM sync_kept WHERE user_id = ?').run(userId);
    return changes.length;
  })();
}

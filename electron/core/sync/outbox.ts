/**
 * The outbox (table sync_outbox, migration 5): one pending change per entity, written by the stores in the same
 * transaction as the change itself. Later changes fold in: a put merges its fields into a pending put, a delete
 * replaces whatever is pending, and a put after a pending delete (an undo before it was sent) replaces the delete.
 * Only the reader's own edits come here; applying pulled records writes the tables directly (no echo).
 */
import type Database from 'better-sqlite3';
import { statement } from './statements.js';
import type { SyncKind } from '@physical-ai-reader/protocol';

export type OutboxChange =
  | { kind: SyncKind; entityId: string; op: 'put'; data: Record<string, unknown> }
  | { kind: SyncKind; entityId: string; op: 'delete' };

interface PendingRow {
  seq: number;
  kind: SyncKind;
  entity_id: string;
  op: 'put' | 'delete';
  data: string | null;
}

export function enqueue(db: Database.Database, change: OutboxChange): void {
  const pending = statement(db, 'SELECT op, data FROM sync_outbox WHERE kind = ? AND entity_id = ?').get(change.kind, change.entityId) as
    | { op: 'put' | 'delete'; data: string | null }
    | undefined;
  const data =
    change.op === 'delete' ? null : JSON.stringify(pending?.op === 'put' ? { ...(JSON.parse(pending.data!) as object), ...change.data } : change.data);
  statement(db, 
    `INSERT INTO sync_outbox (kind, entity_id, op, data) VALUES (?, ?, ?, ?)
     ON CONFLICT(kind, entity_id) DO UPDATE SET op = excluded.op, data = excluded.data`,
  ).run(change.kind, change.entityId, change.op, data);
  for (const l of listeners.get(db) ?? []) l();
}

/** The oldest `limit` pending changes, in the order they were first made. */
export function pendingChanges(db: Database.Database, limit: number): (OutboxChange & { seq: number })[] {
  const rows = statement(db, 'SELECT seq, kind, entity_id, op, data FROM sync_outbox ORDER BY seq LIMIT ?').all(limit) as PendingRow[];
  return rows.map((r) =>
    r.op === 'delete'
      ? { seq: r.seq, kind: r.kind, entityId: r.entity_id, op: 'delete' as const }
      : { seq: r.seq, kind: r.kind, entityId: r.entity_id, op: 'put' as const, data: JSON.parse(r.data!) as Record<string, unknown> },
  );
}

/** The change still waiting to be sent for this entity, if any. */
export function pendingOp(db: Database.Database, kind: SyncKind, entityId: string): 'put' | 'delete' | null {
  const r = statement(db, 'SELECT op FROM sync_outbox WHERE kind = ? AND entity_id = ?').get(kind, entityId) as { op: 'put' | 'delete' } | undefined;
  return r?.op ?? null;
}

export function outboxCount(db: Database.Database): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM sync_outbox').get() as { n: number }).n;
}

/** A book's cross-machine key; a book imported before keys existed is named by its local id until re-imported. */
export function bookKeyOf(db: Database.Database, bookId: string): string {
  const r = statement(db, 'SELECT book_key FROM books WHERE id = ?').get(bookId) as { book_key: string | null } | undefined;
  return r?.book_key ?? `book:${bookId}`;
}

/** Who wants to hear of local changes, per database (the sync loop, to push a moment later). */
const listeners = new WeakMap<Database.Database, Set<() => void>>();

export function onEnqueue(db: Database.Database, listener: () => void): () => void {
  const set = listeners.get(db) ?? new Set();
  listeners.set(db, set);
  set.add(listener);
  return () => void set.delete(listener);
}

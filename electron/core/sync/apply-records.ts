/**
 * Applies pulled records to the local tables, directly (never through the stores, so nothing goes back to the
 * outbox). A pulled record is the service's merged truth for its entity; a change of the same entity still in
 * the outbox stays there and goes out on the next push (the service merges it field by field after this one, and
 * the pull after that brings the result). A tombstone deletes locally for good. A record whose book (or, for an
 * ask message, thread) is not on this machine is parked and applied when the book is imported.
 * Callers run this inside one transaction per page.
 */
import type Database from 'better-sqlite3';
import { statement } from './statements.js';
import type { SyncKind, SyncRecord } from '@physical-ai-reader/protocol';
import type { StoredCitation } from '../ask-history/ask-thread-store.js';
import { noteToHtml } from '../annotations/note-html.js';
import { isSyncedSetting } from './synced-settings.js';

/** `ignored`: a record this machine does not take (a setting not on the synced list). */
type Outcome = 'applied' | 'parked' | 'ignored';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const nowIso = () => new Date().toISOString();

function bookIdFor(db: Database.Database, bookKey: string): string | null {
  const r = statement(db, 'SELECT id FROM books WHERE book_key = ? ORDER BY imported_at LIMIT 1').get(bookKey) as { id: string } | undefined;
  if (r) return r.id;
  // A book stored before keys existed is named by its local id (outbox.ts bookKeyOf).
  const local = bookKey.startsWith('book:') ? (statement(db, 'SELECT id FROM books WHERE id = ?').get(bookKey.slice(5)) as { id: string } | undefined) : undefined;
  return local?.id ?? null;
}

function park(db: Database.Database, r: SyncRecord, waitsFor: string): Outcome {
  statement(db, 
    `INSERT INTO sync_parked (kind, entity_id, waits_for, data) VALUES (?, ?, ?, ?)
     ON CONFLICT(kind, entity_id) DO UPDATE SET waits_for = excluded.waits_for, data = excluded.data`,
  ).run(r.kind, r.entityId, waitsFor, JSON.stringify(r));
  return 'parked';
}

function progress(db: Database.Database, r: SyncRecord, deviceId: string): Outcome {
  if (r.deleted) {
    statement(db, 'DELETE FROM sync_remote_progress WHERE entity_id = ?').run(r.entityId);
    return 'applied';
  }
  const d = r.data!;
  // This device's own progress comes back after its push: the local table already has it.
  if (d.deviceId === deviceId) return 'applied';
  statement(db, 
    `INSERT INTO sync_remote_progress (entity_id, book_key, device_name, chapter_id, position, at, version, offered)
     VALUES (@id, @bookKey, @deviceName, @chapterId, @position, @at, @version, 0)
     ON CONFLICT(entity_id) DO UPDATE SET book_key = excluded.book_key, device_name = excluded.device_name,
       chapter_id = excluded.chapter_id, position = excluded.position, at = excluded.at, version = excluded.version, offered = 0`,
  ).run({ id: r.entityId, bookKey: str(d.bookKey), deviceName: str(d.deviceName, 'another computer'), chapterId: str(d.chapterId), position: num(d.position), at: str(d.at), version: r.version });
  return 'applied';
}

function bookmark(db: Database.Database, r: SyncRecord): Outcome {
  if (r.deleted) {
    statement(db, 'DELETE FROM bookmarks WHERE id = ?').run(r.entityId);
    return 'applied';
  }
  const d = r.data!;
  const bookId = bookIdFor(db, str(d.bookKey));
  if (!bookId) return park(db, r, `book:${str(d.bookKey)}`);
  if (!statement(db, 'SELECT 1 FROM chapters WHERE book_id = ? AND id = ?').get(bookId, str(d.chapterId))) return park(db, r, `book:${str(d.bookKey)}`);
  statement(db, 
    `INSERT INTO bookmarks (id, book_id, chapter_id, anchor, position, label, created_at) VALUES (@id, @bookId, @chapterId, @anchor, @position, @label, @createdAt)
     ON CONFLICT(id) DO UPDATE SET chapter_id = excluded.chapter_id, anchor = excluded.anchor, position = excluded.position, label = excluded.label`,
  ).run({ id: r.entityId, bookId, chapterId: str(d.chapterId), anchor: str(d.anchor) || null, position: num(d.position), label: str(d.label), createdAt: str(d.createdAt, nowIso()) });
  return 'applied';
}

function setting(db: Database.Database, r: SyncRecord): Outcome {
  if (!isSyncedSetting(r.entityId)) return 'ignored';
  if (r.deleted) statement(db, 'DELETE FROM settings WHERE key = ?').run(r.entityId);
  else {
    const v = r.data!.value;
    statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(r.entityId, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return 'applied';
}

function annotation(db: Database.Database, r: SyncRecord): Outcome {
  const at = nowIso();
  if (r.deleted) {
    statement(db, 'UPDATE annotations SET deleted_at = coalesce(deleted_at, @at), updated_at = @at WHERE id = @id').run({ id: r.entityId, at });
    return 'applied';
  }
  const d = r.data!;
  const bookId = bookIdFor(db, str(d.bookKey));
  if (!bookId) return park(db, r, `book:${str(d.bookKey)}`);
  // Placed as an orphan with no anchored hash: the next listing of the book anchors it (placement.ts isStale).
  statement(db, 
    `INSERT INTO annotations (id, book_id, color, note, note_html, target, anchor_status, anchor_chapter_id, anchored_hash, created_at, updated_at)
     VALUES (@id, @bookId, @color, @note, @noteHtml, @target, 'orphan', NULL, NULL, @createdAt, @at)
     ON CONFLICT(id) DO UPDATE SET color = excluded.color, note = excluded.note, note_html = excluded.note_html, updated_at = excluded.updated_at,
       target = excluded.target, anchored_hash = CASE WHEN target = excluded.target THEN anchored_hash END,
       anchor_status = CASE WHEN target = excluded.target THEN anchor_status ELSE 'orphan' END
     WHERE deleted_at IS NULL`,
  ).run({ id: r.entityId, bookId, color: str(d.color, 'yellow'), note: str(d.note), noteHtml: noteToHtml(str(d.note)), target: JSON.stringify(d.target ?? {}), createdAt: str(d.createdAt, at), at });
  return 'applied';
}

function thread(db: Database.Database, r: SyncRecord): Outcome {
  const at = nowIso();
  if (r.deleted) {
    statement(db, 'UPDATE ask_threads SET deleted_at = coalesce(deleted_at, @at), updated_at = @at WHERE id = @id').run({ id: r.entityId, at });
    statement(db, 'UPDATE ask_messages SET deleted_at = @at, updated_at = @at WHERE thread_id = @id AND deleted_at IS NULL').run({ id: r.entityId, at });
    return 'applied';
  }
  const d = r.data!;
  const bookId = bookIdFor(db, str(d.bookKey));
  if (!bookId) return park(db, r, `book:${str(d.bookKey)}`);
  statement(db, 
    `INSERT INTO ask_threads (id, book_id, title, annotation_id, created_at, updated_at) VALUES (@id, @bookId, @title, @annotationId, @at, @at)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, annotation_id = excluded.annotation_id WHERE deleted_at IS NULL`,
  ).run({ id: r.entityId, bookId, title: str(d.title), annotationId: typeof d.annotationId === 'string' ? d.annotationId : null, at });
  applyParked(db, `thread:${r.entityId}`);
  return 'applied';
}

function citationsOf(v: unknown): StoredCitation[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c: { n?: unknown; id?: unknown }) => {
    try {
      const parsed = JSON.parse(str(c.id)) as Partial<StoredCitation>;
      return [{ n: num(c.n), chapterTitle: str(parsed.chapterTitle), heading: str(parsed.heading), target: parsed.target ?? null }];
    } catch {
      return [{ n: num(c.n), chapterTitle: '', heading: str(c.id), target: null }];
    }
  });
}

function message(db: Database.Database, r: SyncRecord): Outcome {
  const at = nowIso();
  if (r.deleted) {
    statement(db, 'UPDATE ask_messages SET deleted_at = coalesce(deleted_at, @at), updated_at = @at WHERE id = @id').run({ id: r.entityId, at });
    return 'applied';
  }
  const d = r.data!;
  const threadId = str(d.threadId);
  if (!statement(db, 'SELECT 1 FROM ask_threads WHERE id = ?').get(threadId)) return park(db, r, `thread:${threadId}`);
  // Append-only: a message that is here stays as it is.
  statement(db, 
    `INSERT OR IGNORE INTO ask_messages (id, thread_id, question, answer, citations, mode, model, created_at, updated_at, deleted_at)
     VALUES (@id, @threadId, @question, @answer, @citations, @mode, @model, @createdAt, @at,
       (SELECT deleted_at FROM ask_threads WHERE id = @threadId))`,
  ).run({
    id: r.entityId,
    threadId,
    question: str(d.question),
    answer: str(d.answer),
    citations: JSON.stringify(citationsOf(d.citations)),
    mode: str(d.mode, 'offline'),
    model: str(d.model) || null,
    createdAt: str(d.createdAt, at),
    at,
  });
  return 'applied';
}

/** Applies one record; `deviceId` is this machine's. */
export function applyRecord(db: Database.Database, r: SyncRecord, deviceId: string): Outcome {
  statement(db, 'DELETE FROM sync_parked WHERE kind = ? AND entity_id = ?').run(r.kind, r.entityId);
  const apply: Record<SyncKind, () => Outcome> = {
    progress: () => progress(db, r, deviceId),
    bookmark: () => bookmark(db, r),
    setting: () => setting(db, r),
    annotation: () => annotation(db, r),
    ask_thread: () => thread(db, r),
    ask_message: () => message(db, r),
  };
  return apply[r.kind]();
}

/** Applies the records parked until `waitsFor` (`book:<bookKey>` or `thread:<id>`) is here. */
export function applyParked(db: Database.Database, waitsFor: string): void {
  const rows = statement(db, 'SELECT data FROM sync_parked WHERE waits_for = ?').all(waitsFor) as { data: string }[];
  if (rows.length === 0) return;
  const deviceId = (statement(db, "SELECT value FROM sync_state WHERE key = 'deviceId'").get() as { value: string } | undefined)?.value ?? '';
  for (const row of rows) applyRecord(db, JSON.parse(row.data) as SyncRecord, deviceId);
}

/**
 * Schema versions, applied in order inside one transaction each; SQLite's user_version records how far a
 * database has come. Append new steps, never edit shipped ones.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: library, reading state, settings, full-text index over chapter text.
  `
  CREATE TABLE books (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source_dir TEXT NOT NULL,
    flavor TEXT NOT NULL,
    bundled INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL
  );
  CREATE TABLE chapters (
    book_id TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    depth INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    parents TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    html TEXT NOT NULL,
    text TEXT NOT NULL,
    outline TEXT NOT NULL,
    sections TEXT NOT NULL,
    PRIMARY KEY (book_id, id)
  );
  CREATE INDEX chapters_by_order ON chapters(book_id, ord);
  CREATE TABLE progress (
    book_id TEXT NOT NULL,
    chapter_id TEXT NOT NULL,
    position REAL NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (book_id, chapter_id),
    FOREIGN KEY (book_id, chapter_id) REFERENCES chapters(book_id, id) ON DELETE CASCADE
  );
  CREATE INDEX progress_by_time ON progress(book_id, updated_at);
  CREATE TABLE bookmarks (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL,
    chapter_id TEXT NOT NULL,
    anchor TEXT,
    position REAL NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    FOREIGN KEY (book_id, chapter_id) REFERENCES chapters(book_id, id) ON DELETE CASCADE
  );
  CREATE INDEX bookmarks_by_book ON bookmarks(book_id, created_at);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE VIRTUAL TABLE chapter_fts USING fts5(
    book_id UNINDEXED, chapter_id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2'
  );
  `,
  // 2: the import report is kept with the book (what planning found, the files it skipped) and each chapter (what
  // rendering found), so a re-import that renders nothing still reports the whole book; the source fingerprint
  // lets a re-import of an unchanged folder skip planning. Chapters stored before this have no diagnostics: their
  // hash is marked so the next import renders them once more and records them.
  `
  ALTER TABLE books ADD COLUMN plan_report TEXT;
  ALTER TABLE books ADD COLUMN skipped TEXT;
  ALTER TABLE books ADD COLUMN source_fingerprint TEXT;
  ALTER TABLE chapters ADD COLUMN diagnostics TEXT;
  UPDATE chapters SET content_hash = 'before-diagnostics:' || content_hash;
  `,
  // 3: web links the table of contents shows among the chapters (Docusaurus sidebar `link` items).
  `
  ALTER TABLE books ADD COLUMN toc_links TEXT;
  `,
  // 4: highlights with notes, and ask threads; each chapter's anchor text (the text highlights are placed in, with its
  // headings' offsets, as JSON) made at render time so placing a highlight parses no HTML (NULL: made on demand).
  // Highlights and threads: Every record has a client-made UUID, created/updated times and a
  // deleted_at tombstone (undo, and the sync log builds on it). No foreign key to books or chapters: a highlight
  // outlives the chapter it was made in (an orphan) and may arrive before its book does. `target` is the TextTarget
  // as JSON (the selectors when it was made); the anchor_* columns are where it sits in the current edition, and
  // anchored_hash the content hash of the chapter they were computed against (a re-import re-anchors when it
  // differs), with the text it sits on and its section id kept beside them, and note_html the rendered note, so listing a
  // book's highlights reads no chapter. An ask message is written once and never edited.
  `
  ALTER TABLE chapters ADD COLUMN anchor_text TEXT;
  CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL,
    color TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL,
    anchor_status TEXT NOT NULL,
    anchor_chapter_id TEXT,
    anchor_start INTEGER NOT NULL DEFAULT 0,
    anchor_end INTEGER NOT NULL DEFAULT 0,
    anchor_score REAL NOT NULL DEFAULT 0,
    anchored_hash TEXT,
    anchor_exact TEXT NOT NULL DEFAULT '',
    anchor_section TEXT NOT NULL DEFAULT '',
    note_html TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
  );
  CREATE INDEX annotations_by_book ON annotations(book_id, anchor_chapter_id, anchor_start);
  CREATE TABLE ask_threads (
    id TEXT PRIMARY KEY,
    book_id TEXT NOT NULL,
    title TEXT NOT NULL,
    annotation_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
  );
  CREATE INDEX ask_threads_by_book ON ask_threads(book_id, updated_at);
  CREATE INDEX ask_threads_by_annotation ON ask_threads(annotation_id);
  CREATE TABLE ask_messages (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES ask_threads(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    mode TEXT NOT NULL,
    model TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
  );
  CREATE INDEX ask_messages_by_thread ON ask_messages(thread_id, created_at);
  `,
  // 5: sync of the reader's own state through the service (electron/core/sync). `book_key` names a book the same
  // way on every machine (library/book-key.ts); books imported before this get it on their next import. The
  // outbox holds one pending change per entity, written in the same transaction as the change; sync_state keeps
  // this data dir's client id, device id, next mutation id, the batch in flight and the pull cursor; parked
  // records wait for a book (or thread) this machine does not have yet; remote_progress holds where the student
  // is on other devices (for the "continue where you left off" offer); kept outboxes wait, per student, for them
  // to sign in here again.
  `
  ALTER TABLE books ADD COLUMN book_key TEXT;
  CREATE INDEX books_by_key ON books(book_key);
  CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL,
    data TEXT,
    UNIQUE (kind, entity_id)
  );
  CREATE TABLE sync_parked (
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    waits_for TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, entity_id)
  );
  CREATE INDEX sync_parked_by_wait ON sync_parked(waits_for);
  CREATE TABLE sync_remote_progress (
    entity_id TEXT PRIMARY KEY,
    book_key TEXT NOT NULL,
    device_name TEXT NOT NULL,
    chapter_id TEXT NOT NULL,
    position REAL NOT NULL,
    at TEXT NOT NULL,
    version INTEGER NOT NULL,
    offered INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE sync_kept (user_id TEXT PRIMARY KEY, mutations TEXT NOT NULL);
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`library.sqlite is from a newer version of the reader (schema ${current}); please update the app`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * The library database (<dataDir>/library.sqlite): books and rendered chapters, reading progress, bookmarks,
 * settings and the chapter full-text index. better-sqlite3 in WAL mode; every multi-row write is one transaction,
 * so a crash leaves either the old or the new state.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { BookSummary, Bookmark, ChapterView, ImportProblem, ImportReport, OutlineEntry, SearchHit, TocEntry, TocLink } from '../../contract.js';
import type { PlanReport } from '../book/types.js';
import { buildImportReport } from '../import-report.js';
import type { ChapterDiagnostics, ChapterSection, RenderedChapter } from '../render/types.js';
import { openDatabase } from '../../sqlite/open-database.js';
import { migrate } from './migrations.js';
import { bookKeyOf, enqueue } from '../../sync/outbox.js';
import { applyParked } from '../../sync/apply-records.js';
import { deviceIdOf, deviceName } from '../../sync/sync-state.js';
import { isSyncedSetting } from '../../sync/synced-settings.js';
import { readHere } from '../../sync/handoff.js';
import { ftsMatchExpression, ftsTerms, MARK_CLOSE, MARK_OPEN, snippetToHtml } from './fts-query.js';

export interface BookRow {
  id: string;
  title: string;
  sourceDir: string;
  flavor: string;
  bundled: boolean;
  /** The book's name across machines (book-key.ts); set by every import. */
  bookKey?: string;
}

/** A chapter's place in the book; written for every chapter on each import (order can change alone). */
export interface ChapterPlacement {
  id: string;
  file: string;
  title: string;
  depth: number;
  ord: number;
  parents: string[];
  contentHash: string;
}

/** What an import leaves with the book besides its chapters. */
export interface ImportRecord {
  planReport: PlanReport;
  /** Files planning left out, with the reason. */
  skipped: ImportProblem[];
  /** The folder's fingerprint (source-fingerprint.ts) taken before planning; null: the next import plans again. */
  fingerprint: string | null;
  tocLinks: TocLink[];
}

/** A chapter with its search sections, for indexers (see electron/core/search). */
export interface ChapterWithSections {
  bookId: string;
  id: string;
  file: string;
  title: string;
  ord: number;
  contentHash: string;
  sections: ChapterSection[];
}

const now = () => new Date().toISOString();

export class LibraryStore {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = openDatabase(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  close(): void {
    this.db.close();
  }

  // ---- books -------------------------------------------------------------------------------------------------

  getBook(id: string): BookRow | null {
    const r = this.db.prepare('SELECT id, title, source_dir, flavor, bundled FROM books WHERE id = ?').get(id) as
      | { id: string; title: string; source_dir: string; flavor: string; bundled: number }
      | undefined;
    return r ? { id: r.id, title: r.title, sourceDir: r.source_dir, flavor: r.flavor, bundled: r.bundled === 1 } : null;
  }

  listBooks(): BookSummary[] {
    const rows = this.db
      .prepare(
        `SELECT b.id, b.title, b.bundled, b.source_dir, b.toc_links,
                (SELECT COUNT(*) FROM chapters c WHERE c.book_id = b.id) AS chapter_count,
                p.chapter_id, p.position, p.updated_at, c.title AS chapter_title
           FROM books b
           LEFT JOIN progress p ON p.rowid = (SELECT rowid FROM progress WHERE book_id = b.id ORDER BY updated_at DESC LIMIT 1)
           LEFT JOIN chapters c ON c.book_id = p.book_id AND c.id = p.chapter_id
          ORDER BY b.bundled DESC, b.title`,
      )
      .all() as {
      id: string;
      title: string;
      bundled: number;
      source_dir: string;
      toc_links: string | null;
      chapter_count: number;
      chapter_id: string | null;
      position: number | null;
      updated_at: string | null;
      chapter_title: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      chapterCount: r.chapter_count,
      bundled: r.bundled === 1,
      sourceDir: r.source_dir,
      tocLinks: r.toc_links ? (JSON.parse(r.toc_links) as TocLink[]) : [],
      lastRead:
        r.chapter_id && r.updated_at
          ? { chapterId: r.chapter_id, chapterTitle: r.chapter_title ?? '', position: r.position ?? 0, at: r.updated_at }
          : null,
    }));
  }

  /** Chapters whose last render found links or images that led nowhere (a later import may find their targets). */
  chaptersWithUnresolved(bookId: string): Set<string> {
    const rows = this.db.prepare('SELECT id, diagnostics FROM chapters WHERE book_id = ? AND diagnostics IS NOT NULL').all(bookId) as { id: string; diagnostics: string }[];
    return new Set(
      rows
        .filter((r) => {
          const d = JSON.parse(r.diagnostics) as ChapterDiagnostics;
          return d.unresolvedLinks.length > 0 || d.unresolvedImages.length > 0;
        })
        .map((r) => r.id),
    );
  }

  /** Content hash of every stored chapter of a book (empty for a new book). */
  chapterHashes(bookId: string): Map<string, string> {
    const rows = this.db.prepare('SELECT id, content_hash FROM chapters WHERE book_id = ?').all(bookId) as {
      id: string;
      content_hash: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.content_hash]));
  }

  /**
   * Writes one import in a single transaction: the book row with what planning reported, the placement of every
   * chapter, the rendered content and diagnostics of changed ones (and their full-text rows), and removal of
   * chapters no longer in the book (their progress and bookmarks go with them through the foreign keys).
   */
  applyImport(book: BookRow, placements: ChapterPlacement[], rendered: Map<string, RenderedChapter>, removed: string[], record: ImportRecord): void {
    const db = this.db;
    const upsertBook = db.prepare(
      `INSERT INTO books (id, title, source_dir, flavor, bundled, imported_at, plan_report, skipped, source_fingerprint, toc_links, book_key)
       VALUES (@id, @title, @sourceDir, @flavor, @bundled, @at, @planReport, @skipped, @fingerprint, @tocLinks, @bookKey)
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, source_dir = excluded.source_dir, flavor = excluded.flavor,
         bundled = excluded.bundled, imported_at = excluded.imported_at, plan_report = excluded.plan_report,
         skipped = excluded.skipped, source_fingerprint = excluded.source_fingerprint, toc_links = excluded.toc_links,
         book_key = coalesce(excluded.book_key, book_key)`,
    );
    const insertChapter = db.prepare(
      `INSERT INTO chapters (book_id, id, file, title, depth, ord, parents, content_hash, html, text, anchor_text, outline, sections, diagnostics)
       VALUES (@bookId, @id, @file, @title, @depth, @ord, @parents, @hash, @html, @text, @anchorText, @outline, @sections, @diagnostics)
       ON CONFLICT(book_id, id) DO UPDATE SET file = excluded.file, title = excluded.title, depth = excluded.depth,
         ord = excluded.ord, parents = excluded.parents, content_hash = excluded.content_hash, html = excluded.html,
         text = excluded.text, anchor_text = excluded.anchor_text, outline = excluded.outline, sections = excluded.sections,
         diagnostics = excluded.diagnostics`,
    );
    const place = db.prepare(
      'UPDATE chapters SET file = @file, title = @title, depth = @depth, ord = @ord, parents = @parents WHERE book_id = @bookId AND id = @id',
    );
    const deleteChapter = db.prepare('DELETE FROM chapters WHERE book_id = ? AND id = ?');
    const deleteFts = db.prepare('DELETE FROM chapter_fts WHERE book_id = ? AND chapter_id = ?');
    const insertFts = db.prepare('INSERT INTO chapter_fts (book_id, chapter_id, title, text) VALUES (?, ?, ?, ?)');
    const clean = (s: string) => s.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');
    db.transaction(() => {
      upsertBook.run({
        ...book,
        bundled: book.bundled ? 1 : 0,
        at: now(),
        planReport: JSON.stringify(record.planReport),
        skipped: JSON.stringify(record.skipped),
        fingerprint: record.fingerprint,
        tocLinks: JSON.stringify(record.tocLinks),
        bookKey: book.bookKey ?? null,
      });
      for (const id of removed) {
        deleteFts.run(book.id, id);
        deleteChapter.run(book.id, id);
      }
      for (const p of placements) {
        const base = { bookId: book.id, id: p.id, file: p.file, title: p.title, depth: p.depth, ord: p.ord, parents: JSON.stringify(p.parents) };
        const r = rendered.get(p.id);
        if (r) {
          insertChapter.run({
            ...base,
            hash: p.contentHash,
            html: r.html,
            text: r.text,
            anchorText: JSON.stringify(r.anchorText),
            outline: JSON.stringify(r.outline),
            sections: JSON.stringify(r.sections),
            diagnostics: JSON.stringify(r.diagnostics),
          });
          deleteFts.run(book.id, p.id);
          insertFts.run(book.id, p.id, clean(p.title), clean(r.text));
        } else place.run(base);
      }
      // Synced records that arrived before this book did (its bookmarks, highlights, threads) land now.
      if (book.bookKey) applyParked(db, `book:${book.bookKey}`);
    })();
  }

  /**
   * The report of the book's last import, from what is stored: planning's part with the book, each chapter's
   * diagnostics in reading order. Null for a book last imported before reports were kept.
   */
  importReport(bookId: string): ImportReport | null {
    const book = this.db.prepare('SELECT plan_report FROM books WHERE id = ?').get(bookId) as { plan_report: string | null } | undefined;
    if (!book?.plan_report) return null;
    const rows = this.db
      .prepare('SELECT file, diagnostics FROM chapters WHERE book_id = ? AND diagnostics IS NOT NULL ORDER BY ord')
      .all(bookId) as { file: string; diagnostics: string }[];
    return buildImportReport(
      JSON.parse(book.plan_report) as PlanReport,
      rows.map((r): [string, ChapterDiagnostics] => [r.file, JSON.parse(r.diagnostics) as ChapterDiagnostics]),
    );
  }

  /** The book as its last import left it, when that import's folder fingerprint was `fingerprint`; else null. */
  unchangedSince(bookId: string, fingerprint: string): { book: BookRow; chapterCount: number; skipped: ImportProblem[]; report: ImportReport } | null {
    const r = this.db.prepare('SELECT source_fingerprint, skipped, book_key FROM books WHERE id = ?').get(bookId) as
      | { source_fingerprint: string | null; skipped: string | null; book_key: string | null }
      | undefined;
    const book = this.getBook(bookId);
    const report = this.importReport(bookId);
    // A book stored before sync had no key: import it once more so it gets one.
    if (!r || r.source_fingerprint !== fingerprint || r.skipped === null || r.book_key === null || !book || !report) return null;
    const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM chapters WHERE book_id = ?').get(bookId) as { n: number };
    return { book, chapterCount: n, skipped: JSON.parse(r.skipped) as ImportProblem[], report };
  }


  // ---- reading -----------------------------------------------------------------------------------------------

  getToc(bookId: string): TocEntry[] {
    const rows = this.db
      .prepare('SELECT id, title, file, depth, ord, parents FROM chapters WHERE book_id = ? ORDER BY ord')
      .all(bookId) as { id: string; title: string; file: string; depth: number; ord: number; parents: string }[];
    return rows.map((r) => ({ id: r.id, title: r.title, file: r.file, depth: r.depth, order: r.ord, parents: JSON.parse(r.parents) as string[] }));
  }

  /** Everything the chapter view needs, in one statement. */
  openChapter(bookId: string, chapterId: string): ChapterView | null {
    const r = this.db
      .prepare(
        `SELECT c.id, c.title, c.file, c.html, c.outline,
                (SELECT id FROM chapters WHERE book_id = c.book_id AND ord < c.ord ORDER BY ord DESC LIMIT 1) AS prev_id,
                (SELECT id FROM chapters WHERE book_id = c.book_id AND ord > c.ord ORDER BY ord LIMIT 1) AS next_id,
                (SELECT position FROM progress WHERE book_id = c.book_id AND chapter_id = c.id) AS position
           FROM chapters c WHERE c.book_id = ? AND c.id = ?`,
      )
      .get(bookId, chapterId) as
      | { id: string; title: string; file: string; html: string; outline: string; prev_id: string | null; next_id: string | null; position: number | null }
      | undefined;
    if (!r) return null;
    return {
      bookId,
      id: r.id,
      title: r.title,
      file: r.file,
      html: r.html,
      outline: JSON.parse(r.outline) as OutlineEntry[],
      prevId: r.prev_id,
      nextId: r.next_id,
      position: r.position ?? 0,
    };
  }

  /** Plain text of the chapter stored for `file` (path relative to the book folder). */
  chapterTextByFile(bookId: string, file: string): string | null {
    const r = this.db.prepare('SELECT text FROM chapters WHERE book_id = ? AND file = ?').get(bookId, file) as { text: string } | undefined;
    return r ? r.text : null;
  }

  hasChapter(bookId: string, chapterId: string): boolean {
    return this.db.prepare('SELECT 1 FROM chapters WHERE book_id = ? AND id = ?').get(bookId, chapterId) !== undefined;
  }

  /** Saves the position and queues it for sync as this device's progress in the book. */
  saveProgress(bookId: string, chapterId: string, position: number): void {
    const at = now();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO progress (book_id, chapter_id, position, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(book_id, chapter_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        )
        .run(bookId, chapterId, position, at);
      const bookKey = bookKeyOf(this.db, bookId);
      const deviceId = deviceIdOf(this.db);
      readHere(this.db, bookKey);
      enqueue(this.db, {
        kind: 'progress',
        entityId: `${bookKey}/${deviceId}`,
        op: 'put',
        data: { bookKey, chapterId, position, deviceId, deviceName: deviceName(), at },
      });
    })();
  }

  listBookmarks(bookId: string): Bookmark[] {
    const rows = this.db
      .prepare(
        `SELECT b.id, b.book_id, b.chapter_id, c.title AS chapter_title, b.anchor, b.position, b.label, b.created_at
           FROM bookmarks b JOIN chapters c ON c.book_id = b.book_id AND c.id = b.chapter_id
          WHERE b.book_id = ? ORDER BY c.ord, b.position, b.created_at`,
      )
      .all(bookId) as { id: string; book_id: string; chapter_id: string; chapter_title: string; anchor: string | null; position: number; label: string; created_at: string }[];
    return rows.map((r) => ({
      id: r.id,
      bookId: r.book_id,
      chapterId: r.chapter_id,
      chapterTitle: r.chapter_title,
      anchor: r.anchor,
      position: r.position,
      label: r.label,
      createdAt: r.created_at,
    }));
  }

  addBookmark(input: { bookId: string; chapterId: string; position: number; anchor: string | null; label: string }): Bookmark {
    const id = randomUUID();
    const createdAt = now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO bookmarks (id, book_id, chapter_id, anchor, position, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.bookId, input.chapterId, input.anchor, input.position, input.label, createdAt);
      const data = { bookKey: bookKeyOf(this.db, input.bookId), chapterId: input.chapterId, anchor: input.anchor ?? '', position: input.position, label: input.label, createdAt };
      enqueue(this.db, { kind: 'bookmark', entityId: id, op: 'put', data });
    })();
    const chapterTitle = (this.db.prepare('SELECT title FROM chapters WHERE book_id = ? AND id = ?').get(input.bookId, input.chapterId) as { title: string }).title;
    return { id, ...input, chapterTitle, createdAt };
  }

  /** True when a bookmark was removed. */
  removeBookmark(bookmarkId: string): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM bookmarks WHERE id = ?').run(bookmarkId).changes > 0;
      if (removed) enqueue(this.db, { kind: 'bookmark', entityId: bookmarkId, op: 'delete' });
      return removed;
    })();
  }

  search(bookId: string, query: string, limit = 30): SearchHit[] {
    const terms = ftsTerms(query);
    const match = ftsMatchExpression(terms);
    if (!match) return [];
    const rows = this.db
      .prepare(
        `SELECT f.chapter_id, c.title, snippet(chapter_fts, 3, ?, ?, '…', 14) AS snip
           FROM chapter_fts f JOIN chapters c ON c.book_id = f.book_id AND c.id = f.chapter_id
          WHERE chapter_fts MATCH ? AND f.book_id = ?
          ORDER BY bm25(chapter_fts, 0, 0, 4.0, 1.0) LIMIT ?`,
      )
      .all(MARK_OPEN, MARK_CLOSE, match, bookId, limit) as { chapter_id: string; title: string; snip: string }[];
    return rows.map((r) => ({ chapterId: r.chapter_id, chapterTitle: r.title, snippetHtml: snippetToHtml(r.snip), terms }));
  }

  // ---- settings and indexer access --------------------------------------------------------------------------

  getSetting(key: string): string | null {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? r.value : null;
  }

  setSetting(key: string, value: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
      if (isSyncedSetting(key)) enqueue(this.db, { kind: 'setting', entityId: key, op: 'put', data: { value } });
    })();
  }

  /** Chapters of a book in reading order with their search sections (all, or only `ids`). */
  listChaptersWithSections(bookId: string, ids?: readonly string[]): ChapterWithSections[] {
    const rows = this.db
      .prepare('SELECT id, file, title, ord, content_hash, sections FROM chapters WHERE book_id = ? ORDER BY ord')
      .all(bookId) as { id: string; file: string; title: string; ord: number; content_hash: string; sections: string }[];
    const wanted = ids ? new Set(ids) : null;
    return rows
      .filter((r) => !wanted || wanted.has(r.id))
      .map((r) => ({
        bookId,
        id: r.id,
        file: r.file,
        title: r.title,
        ord: r.ord,
        contentHash: r.content_hash,
        sections: JSON.parse(r.sections) as ChapterSection[],
      }));
  }
}

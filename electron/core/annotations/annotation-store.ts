/**
 * Highlights in the library database (migration 4). One transaction per write; a delete is a tombstone
 * (`deleted_at`), so undo and the sync log can build on it. Every user edit bumps `updated_at`; re-anchoring after a
 * new edition does not (where a highlight sits is derived from its selectors, not something the reader changed).
 */
import type Database from 'better-sqlite3';
import type { Annotation, HighlightColor, OutlineEntry, TextTarget } from '../contract.js';
import { bookKeyOf, enqueue } from '../sync/outbox.js';
import { noteToHtml } from './note-html.js';

export type AnchorStatus = 'anchored' | 'review' | 'orphan';

/** Where a highlight sits now, as stored. */
export interface StoredAnchor {
  status: AnchorStatus;
  chapterId: string | null;
  start: number;
  end: number;
  score: number;
  /** Content hash of the chapter this was computed against (home chapter's for an orphan, '' when it is gone). */
  hash: string;
  /** The text it sits on and the id of the heading above it ('' for an orphan / the top of the chapter). */
  exact: string;
  section: string;
}

/** A highlight as stored: where it sits as kept here (the page's view adds titles), and its tombstone. */
export interface AnnotationRow extends Omit<Annotation, 'anchor' | 'threadId'> {
  anchor: StoredAnchor;
  deletedAt: string | null;
}

export interface ChapterMeta {
  id: string;
  file: string;
  title: string;
  ord: number;
  contentHash: string;
  outline: OutlineEntry[];
}

interface SqlRow {
  id: string;
  book_id: string;
  color: string;
  note: string;
  target: string;
  anchor_status: string;
  anchor_chapter_id: string | null;
  anchor_start: number;
  anchor_end: number;
  anchor_score: number;
  anchored_hash: string | null;
  anchor_exact: string;
  anchor_section: string;
  note_html: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const fromSql = (r: SqlRow): AnnotationRow => ({
  id: r.id,
  bookId: r.book_id,
  color: r.color as HighlightColor,
  note: r.note,
  noteHtml: r.note_html,
  target: JSON.parse(r.target) as TextTarget,
  anchor: {
    status: r.anchor_status as AnchorStatus,
    chapterId: r.anchor_chapter_id,
    start: r.anchor_start,
    end: r.anchor_end,
    score: r.anchor_score,
    hash: r.anchored_hash ?? '',
    exact: r.anchor_exact,
    section: r.anchor_section,
  },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

const anchorParams = (a: StoredAnchor) => ({
  status: a.status,
  chapterId: a.chapterId,
  start: a.start,
  end: a.end,
  score: a.score,
  hash: a.hash,
  exact: a.exact,
  section: a.section,
});

const CHAPTER_META = 'SELECT id, file, title, ord, content_hash, outline FROM chapters';
interface ChapterMetaRow {
  id: string;
  file: string;
  title: string;
  ord: number;
  content_hash: string;
  outline: string;
}
const toMeta = (r: ChapterMetaRow): ChapterMeta => ({
  id: r.id,
  file: r.file,
  title: r.title,
  ord: r.ord,
  contentHash: r.content_hash,
  outline: JSON.parse(r.outline) as OutlineEntry[],
});

export const nowIso = (): string => new Date().toISOString();

export class AnnotationStore {
  constructor(private readonly db: Database.Database) {}

  /** Queues the whole highlight for sync (a new one, or one brought back by undo). */
  private enqueueWhole(r: Pick<AnnotationRow, 'id' | 'bookId' | 'color' | 'note' | 'target' | 'createdAt'>): void {
    const data = { bookKey: bookKeyOf(this.db, r.bookId), color: r.color, note: r.note, target: r.target, createdAt: r.createdAt };
    enqueue(this.db, { kind: 'annotation', entityId: r.id, op: 'put', data });
  }

  /** Live highlights of a book (tombstones left out). */
  listLive(bookId: string): AnnotationRow[] {
    return (this.db.prepare('SELECT * FROM annotations WHERE book_id = ? AND deleted_at IS NULL').all(bookId) as SqlRow[]).map(fromSql);
  }

  /** One highlight, deleted or not. */
  get(id: string): AnnotationRow | null {
    const r = this.db.prepare('SELECT * FROM annotations WHERE id = ?').get(id) as SqlRow | undefined;
    return r ? fromSql(r) : null;
  }

  /**
   * Inserts the rows that are not there yet (by id) in one transaction; returns the rows it inserted (a row whose
   * id came earlier in the same batch is not, and is not counted as new).
   */
  insertMany<R extends Omit<AnnotationRow, 'noteHtml'>>(rows: R[]): R[] {
    const exists = this.db.prepare('SELECT 1 FROM annotations WHERE id = ?');
    const insert = this.db.prepare(
      `INSERT INTO annotations (id, book_id, color, note, target, anchor_status, anchor_chapter_id, anchor_start, anchor_end,
         anchor_score, anchored_hash, anchor_exact, anchor_section, note_html, created_at, updated_at, deleted_at)
       VALUES (@id, @bookId, @color, @note, @target, @status, @chapterId, @start, @end, @score, @hash, @exact, @section,
         @noteHtml, @createdAt, @updatedAt, @deletedAt)`,
    );
    const inserted: R[] = [];
    this.db.transaction(() => {
      for (const r of rows) {
        if (exists.get(r.id)) continue;
        insert.run({ ...r, target: JSON.stringify(r.target), ...anchorParams(r.anchor), noteHtml: noteToHtml(r.note) });
        inserted.push(r);
        if (r.deletedAt === null) this.enqueueWhole(r);
      }
    })();
    return inserted;
  }

  update(id: string, patch: { color?: HighlightColor; note?: string }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE annotations SET color = coalesce(@color, color), note = coalesce(@note, note),
             note_html = coalesce(@noteHtml, note_html), updated_at = @at WHERE id = @id`,
        )
        .run({
          id,
          color: patch.color ?? null,
          note: patch.note ?? null,
          noteHtml: patch.note === undefined ? null : noteToHtml(patch.note),
          at: nowIso(),
        });
      const data = { ...(patch.color !== undefined ? { color: patch.color } : {}), ...(patch.note !== undefined ? { note: patch.note } : {}) };
      enqueue(this.db, { kind: 'annotation', entityId: id, op: 'put', data });
    })();
  }

  /** Sets or clears the tombstone. */
  setDeleted(id: string, deleted: boolean): void {
    const at = nowIso();
    this.db.transaction(() => {
      this.db.prepare('UPDATE annotations SET deleted_at = @deletedAt, updated_at = @at WHERE id = @id').run({ id, at, deletedAt: deleted ? at : null });
      // An undo before the delete was sent replaces it; after it was sent, the service keeps the delete (deletes win).
      const row = this.get(id);
      if (deleted) enqueue(this.db, { kind: 'annotation', entityId: id, op: 'delete' });
      else if (row) this.enqueueWhole(row);
    })();
  }

  /** A deleted highlight brought back as a new one (same text, note, colour, place and creation time); returns its id. */
  restoreAsCopy(row: AnnotationRow, newId: string): string {
    this.db.transaction(() => {
      this.insertMany([{ ...row, id: newId, deletedAt: null, updatedAt: nowIso() }]);
      // Its ask threads follow it to the new id, here and, through sync, on the student's other machines.
      const threads = this.db.prepare('SELECT id FROM ask_threads WHERE annotation_id = ? AND deleted_at IS NULL').all(row.id) as { id: string }[];
      const move = this.db.prepare('UPDATE ask_threads SET annotation_id = ? WHERE id = ?');
      for (const t of threads) {
        move.run(newId, t.id);
        enqueue(this.db, { kind: 'ask_thread', entityId: t.id, op: 'put', data: { annotationId: newId } });
      }
    })();
    return newId;
  }

  /** Moves a highlight onto new selectors (a re-attached orphan): a user edit. */
  reattach(id: string, target: TextTarget, anchor: StoredAnchor): void {
    this.db.transaction(() => {
      this.reattachRow(id, target, anchor);
      enqueue(this.db, { kind: 'annotation', entityId: id, op: 'put', data: { target } });
    })();
  }

  private reattachRow(id: string, target: TextTarget, anchor: StoredAnchor): void {
    this.db
      .prepare(
        `UPDATE annotations SET target = @target, anchor_status = @status, anchor_chapter_id = @chapterId, anchor_start = @start,
           anchor_end = @end, anchor_score = @score, anchored_hash = @hash, anchor_exact = @exact, anchor_section = @section,
           updated_at = @at WHERE id = @id`,
      )
      .run({ id, target: JSON.stringify(target), ...anchorParams(anchor), at: nowIso() });
  }

  /** Stores where each highlight sits in the current edition, all in one transaction. */
  setAnchors(anchors: Map<string, StoredAnchor>): void {
    const set = this.db.prepare(
      `UPDATE annotations SET anchor_status = @status, anchor_chapter_id = @chapterId, anchor_start = @start, anchor_end = @end,
         anchor_score = @score, anchored_hash = @hash, anchor_exact = @exact, anchor_section = @section WHERE id = @id`,
    );
    this.db.transaction(() => {
      for (const [id, a] of anchors) set.run({ id, ...anchorParams(a) });
    })();
  }

  /** For each highlight of the book with an ask thread: the newest live thread started from it. */
  threadsByAnnotation(bookId: string): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT annotation_id, id FROM ask_threads WHERE book_id = ? AND annotation_id IS NOT NULL AND deleted_at IS NULL
         ORDER BY created_at, rowid`,
      )
      .all(bookId) as { annotation_id: string; id: string }[];
    return new Map(rows.map((r) => [r.annotation_id, r.id]));
  }

  /** The book's chapters in reading order, without their content. */
  chapters(bookId: string): ChapterMeta[] {
    return (this.db.prepare(`${CHAPTER_META} WHERE book_id = ? ORDER BY ord`).all(bookId) as ChapterMetaRow[]).map(toMeta);
  }

  chapter(bookId: string, chapterId: string): ChapterMeta | null {
    const r = this.db.prepare(`${CHAPTER_META} WHERE book_id = ? AND id = ?`).get(bookId, chapterId) as ChapterMetaRow | undefined;
    return r ? toMeta(r) : null;
  }

  /** The chapter's anchor text as made at import (null for a chapter stored before it was kept), else its HTML. */
  chapterText(bookId: string, chapterId: string): { anchorText: string | null; html: string | null; contentHash: string } | null {
    const r = this.db
      .prepare('SELECT anchor_text, CASE WHEN anchor_text IS NULL THEN html END AS html, content_hash FROM chapters WHERE book_id = ? AND id = ?')
      .get(bookId, chapterId) as { anchor_text: string | null; html: string | null; content_hash: string } | undefined;
    return r ? { anchorText: r.anchor_text, html: r.html, contentHash: r.content_hash } : null;
  }
}

/**
 * The highlight and note methods of the contract, over the library database, and the re-anchoring of a whole book
 * after each import. Every write emits `annotationsChanged` for the book.
 */
import { randomUUID } from 'node:crypto';
import { ReaderError, type Annotation, type AnnotationsImportResult, type ReaderCoreMethods, type TextTarget } from '../contract.js';
import type { LibraryImportResult } from '../library/import-book.js';
import type { LibraryStore } from '../library/store/library-store.js';
import { AnnotationStore, nowIso, type AnnotationRow, type ChapterMeta, type StoredAnchor } from './annotation-store.js';
import { toAnnotations } from './annotation-view.js';
import { ChapterTexts } from './chapter-texts.js';
import { notesToMarkdown } from './notes-markdown.js';
import { Placement } from './placement.js';
import { pendingOp } from '../sync/outbox.js';
import { readWebAnnotations, toCollection, toWebAnnotation, uuidFor, type ReadEntry } from './web-annotation.js';

type AnnotationMethodName =
  | 'listAnnotations'
  | 'addAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'reattachAnnotation'
  | 'exportAnnotations'
  | 'importAnnotations';

export interface Annotations {
  methods: Pick<ReaderCoreMethods, AnnotationMethodName>;
  /** Re-anchors every live highlight of the book in one transaction; returns the counts by status. */
  reanchorBook(bookId: string): Record<StoredAnchor['status'], number>;
  /** Called after each import of a book: re-anchors its highlights when any chapter changed. */
  afterImport(result: LibraryImportResult): void;
  /** Selectors and anchoring over the same chapter texts, for other records that point into a book (ask citations). */
  placement: Placement;
}

const countStatuses = (anchors: Iterable<StoredAnchor>) => {
  const counts = { anchored: 0, review: 0, orphan: 0 };
  for (const a of anchors) counts[a.status]++;
  return counts;
};

/** The chapter a `target.source` names: its file path, or a URL or longer path ending in it. */
function chapterForSource(chapters: ChapterMeta[], source: string): ChapterMeta | null {
  let path = source;
  try {
    path = decodeURIComponent(new URL(source).pathname);
  } catch {
    // Not a URL: a path as it is.
  }
  path = path.replace(/\\/g, '/').replace(/^\.\//, '');
  let best: ChapterMeta | null = null;
  for (const c of chapters) {
    if ((path === c.file || path.endsWith(`/${c.file}`)) && (!best || c.file.length > best.file.length)) best = c;
  }
  return best;
}

export function createAnnotations(library: LibraryStore, emitChanged: (bookId: string) => void): Annotations {
  const store = new AnnotationStore(library.db);
  const texts = new ChapterTexts(store);
  const placement = new Placement(store, texts);

  const requireBook = (bookId: string) => {
    const book = library.getBook(bookId);
    if (!book) throw new ReaderError('not_found', 'That book is not in the library.', { field: 'bookId' });
    return book;
  };
  const requireLive = (id: string): AnnotationRow => {
    const row = store.get(id);
    if (!row || row.deletedAt !== null) throw new ReaderError('not_found', 'That highlight no longer exists.', { field: 'annotationId' });
    return row;
  };

  const reanchor = (bookId: string, rows: AnnotationRow[]) => {
    const anchors = placement.anchorAll(bookId, rows);
    store.setAnchors(anchors);
    for (const r of rows) r.anchor = anchors.get(r.id)!;
    return anchors;
  };

  /** Live highlights of a book in reading order; any anchored against an older edition are re-anchored first. */
  const list = (bookId: string): Annotation[] => {
    const rows = store.listLive(bookId);
    const chapters = store.chapters(bookId);
    const hashes = new Map(chapters.map((c) => [c.id, c.contentHash]));
    const stale = rows.filter((r) => Placement.isStale(r.anchor, r.target, hashes));
    if (stale.length > 0) {
      reanchor(bookId, stale);
      emitChanged(bookId);
    }
    return toAnnotations(rows, chapters, store.threadsByAnnotation(bookId));
  };
  const viewOf = (id: string): Annotation => {
    const row = store.get(id)!;
    const chapter = row.anchor.chapterId === null ? null : store.chapter(row.bookId, row.anchor.chapterId);
    return toAnnotations([row], chapter ? [chapter] : [], store.threadsByAnnotation(row.bookId))[0]!;
  };

  const reanchorBook = (bookId: string) => {
    const anchors = reanchor(bookId, store.listLive(bookId));
    emitChanged(bookId);
    return countStatuses(anchors.values());
  };

  /**
   * The id an imported entry gets in this book: its own, unless that is a highlight of another book (a file exported
   * from one copy of a book and imported into another), which keeps its id; then one made from it, the same on
   * every import so a second import adds nothing.
   */
  const idFor = (bookId: string, e: ReadEntry): string => {
    if (e.id) {
      const owner = store.get(e.id)?.bookId;
      return owner === undefined || owner === bookId ? e.id : uuidFor(bookId, `urn:uuid:${e.id}`);
    }
    return e.foreignId ? uuidFor(bookId, e.foreignId) : randomUUID();
  };

  const importEntries = (bookId: string, entries: { index: number; entry: ReadEntry }[]) => {
    const chapters = store.chapters(bookId);
    const at = nowIso();
    const rows: Omit<AnnotationRow, 'noteHtml'>[] = entries.map(({ entry: e }) => {
      const chapter = chapterForSource(chapters, e.source);
      const target: TextTarget = {
        chapterId: chapter?.id ?? '',
        file: chapter?.file ?? e.source,
        quote: e.quote,
        position: e.position ?? { type: 'TextPositionSelector', start: 0, end: e.quote.exact.length },
        sectionPath: e.sectionPath,
        contentHash: e.contentHash,
      };
      const created = e.created ?? at;
      return {
        id: idFor(bookId, e),
        bookId,
        color: e.color ?? 'yellow',
        note: e.note,
        target,
        anchor: { status: 'orphan', chapterId: null, start: 0, end: 0, score: 0, hash: '', exact: '', section: '' },
        createdAt: created,
        updatedAt: e.modified ?? created,
        deletedAt: null,
      };
    });
    const anchors = placement.anchorAll(bookId, rows);
    for (const r of rows) r.anchor = anchors.get(r.id)!;
    const fresh = store.insertMany(rows);
    const counts = countStatuses(fresh.map((r) => r.anchor));
    return { imported: fresh.length, existing: rows.length - fresh.length, anchored: counts.anchored, review: counts.review, orphans: counts.orphan };
  };

  const methods: Annotations['methods'] = {
    async listAnnotations({ bookId }) {
      requireBook(bookId);
      return list(bookId);
    },
    async addAnnotation({ id, bookId, selection, color, note }) {
      requireBook(bookId);
      const newId = id ?? randomUUID();
      if (store.get(newId)) throw new ReaderError('conflict', 'A highlight with that id already exists.', { field: 'id' });
      const { target, anchor } = placement.targetOf(bookId, selection);
      const at = nowIso();
      store.insertMany([{ id: newId, bookId, color, note: note ?? '', target, anchor, createdAt: at, updatedAt: at, deletedAt: null }]);
      emitChanged(bookId);
      return viewOf(newId);
    },
    async updateAnnotation({ annotationId, color, note }) {
      const row = requireLive(annotationId);
      store.update(annotationId, { color, note });
      emitChanged(row.bookId);
      return viewOf(annotationId);
    },
    async deleteAnnotation({ annotationId }) {
      const row = requireLive(annotationId);
      store.setDeleted(annotationId, true);
      emitChanged(row.bookId);
      return { ok: true };
    },
    async restoreAnnotation({ annotationId }) {
      const row = store.get(annotationId);
      if (!row) throw new ReaderError('not_found', 'That highlight no longer exists.', { field: 'annotationId' });
      // A delete that may already have left this machine is final on the service (deletes win there, so a late
      // restore would stay on this machine alone): the undo brings the highlight back under a new id, which syncs.
      const id = row.deletedAt !== null && pendingOp(library.db, 'annotation', annotationId) !== 'delete' ? store.restoreAsCopy(row, randomUUID()) : annotationId;
      if (id === annotationId) store.setDeleted(annotationId, false);
      const restored = store.get(id)!;
      // The book may have had a new edition while it was deleted.
      const hashes = new Map(store.chapters(row.bookId).map((c) => [c.id, c.contentHash]));
      if (Placement.isStale(restored.anchor, restored.target, hashes)) reanchor(row.bookId, [restored]);
      emitChanged(row.bookId);
      return viewOf(id);
    },
    async reattachAnnotation({ annotationId, selection }) {
      const row = requireLive(annotationId);
      const { target, anchor } = placement.targetOf(row.bookId, selection);
      store.reattach(annotationId, target, anchor);
      emitChanged(row.bookId);
      return viewOf(annotationId);
    },
    async exportAnnotations({ bookId, format }) {
      const book = requireBook(bookId);
      const all = list(bookId);
      const base = book.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'book';
      if (format === 'markdown') {
        return { filename: `${base}-notes.md`, mediaType: 'text/markdown', content: notesToMarkdown(book.title, bookId, all) };
      }
      const chapters = new Map(store.chapters(bookId).map((c) => [c.id, c]));
      const items = all.map((a) =>
        toWebAnnotation(a, {
          status: a.anchor.status,
          file: a.anchor.chapterId === null ? null : (chapters.get(a.anchor.chapterId)?.file ?? null),
          exact: a.anchor.exact,
          score: a.anchor.score,
          ...(a.anchor.status === 'orphan' ? { orphan: true as const } : {}),
        }),
      );
      return { filename: `${base}-notes.jsonld`, mediaType: 'application/ld+json', content: `${JSON.stringify(toCollection(book.title, items), null, 2)}\n` };
    },
    async importAnnotations({ bookId, content }): Promise<AnnotationsImportResult> {
      requireBook(bookId);
      let read: ReturnType<typeof readWebAnnotations>;
      try {
        read = readWebAnnotations(content);
      } catch (err) {
        throw new ReaderError('invalid_input', `Cannot import these notes: ${(err as Error).message}`, { field: 'content' });
      }
      const good = read.filter((r): r is { index: number; entry: ReadEntry } => typeof r.entry !== 'string');
      const skipped = read.filter((r) => typeof r.entry === 'string').map((r) => ({ index: r.index, reason: r.entry as string }));
      const counts = good.length > 0 ? importEntries(bookId, good) : { imported: 0, existing: 0, anchored: 0, review: 0, orphans: 0 };
      if (counts.imported > 0) emitChanged(bookId);
      return { ...counts, skipped };
    },
  };

  return {
    methods,
    placement,
    reanchorBook,
    afterImport(result) {
      const changed = result.added.length + result.updated.length + result.removed.length > 0;
      if (changed && store.listLive(result.bookId).length > 0) reanchorBook(result.bookId);
    },
  };
}

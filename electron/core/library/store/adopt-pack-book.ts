/**
 * Copies a content pack's book, as `reader build-content` rendered it into the pack's own library.sqlite, into a
 * reader's library in one transaction: no planning, no rendering, so a preinstalled book is there at once on a
 * student's first launch. Skipped when the library already holds this build of the pack; the rows of chapters the
 * new build no longer has are removed (their progress and bookmarks with them, as a re-import does).
 */
import type { LibraryStore } from './library-store.js';

const CHAPTER_COLUMNS = 'file, title, depth, ord, parents, content_hash, html, text, outline, sections, diagnostics';

/** Returns false when the pack's library is of another schema version (the caller imports the book instead). */
export function adoptPackBook(store: LibraryStore, opts: { packLibrary: string; bookId: string; sourceDir: string; stamp: string }): 'adopted' | 'current' | 'incompatible' {
  const db = store.db;
  const row = db.prepare('SELECT source_fingerprint AS f FROM books WHERE id = ?').get(opts.bookId) as { f: string | null } | undefined;
  if (row?.f === opts.stamp) return 'current';
  db.prepare('ATTACH DATABASE ? AS pack').run(opts.packLibrary);
  try {
    if (db.pragma('pack.user_version', { simple: true }) !== db.pragma('main.user_version', { simple: true })) return 'incompatible';
    db.transaction(() => {
      db.prepare(
        `INSERT INTO main.books (id, title, source_dir, flavor, bundled, imported_at, plan_report, skipped, source_fingerprint, toc_links)
         SELECT id, title, @sourceDir, flavor, 1, datetime('now'), plan_report, skipped, @stamp, toc_links FROM pack.books WHERE id = @bookId
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, source_dir = excluded.source_dir, flavor = excluded.flavor, bundled = 1,
           imported_at = excluded.imported_at, plan_report = excluded.plan_report, skipped = excluded.skipped,
           source_fingerprint = excluded.source_fingerprint, toc_links = excluded.toc_links`,
      ).run(opts);
      db.prepare('DELETE FROM main.chapters WHERE book_id = ? AND id NOT IN (SELECT id FROM pack.chapters WHERE book_id = ?)').run(opts.bookId, opts.bookId);
      const set = CHAPTER_COLUMNS.split(', ').map((c) => `${c} = excluded.${c}`).join(', ');
      // `WHERE true`: SQLite's parser needs it between a SELECT and ON CONFLICT.
      db.prepare(
        `INSERT INTO main.chapters (book_id, id, ${CHAPTER_COLUMNS}) SELECT book_id, id, ${CHAPTER_COLUMNS} FROM pack.chapters WHERE book_id = ? AND true
         ON CONFLICT(book_id, id) DO UPDATE SET ${set}`,
      ).run(opts.bookId);
      db.prepare('DELETE FROM main.chapter_fts WHERE book_id = ?').run(opts.bookId);
      db.prepare('INSERT INTO main.chapter_fts (book_id, chapter_id, title, text) SELECT book_id, chapter_id, title, text FROM pack.chapter_fts WHERE book_id = ?').run(opts.bookId);
    })();
    return 'adopted';
  } finally {
    db.prepare('DETACH DATABASE pack').run();
  }
}

/**
 * `npm run build:index`: builds the search index of the bundled book (resources/book) into resources/book-index,
 * so the app answers questions on first launch with no indexing wait. The core copies it into the data dir when
 * its content hash matches the imported book, and rebuilds when the book has changed since (a stale prebuilt).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_BOOK_ID } from '../electron/core/library/ids.js';
import { importTrustedBookFolder } from '../electron/core/library/import-book.js';
import { LibraryStore } from '../electron/core/library/store/library-store.js';
import { projectRoot } from '../electron/core/paths.js';
import { writePrebuiltIndex } from '../electron/core/search/prebuilt-index.js';
import { chapterInputs } from '../electron/core/search/library-chapters.js';

const root = projectRoot();
const out = join(root, 'resources', 'book-index');
const work = mkdtempSync(join(tmpdir(), 'bundled-index-'));
try {
  const store = new LibraryStore(join(work, 'library.sqlite'));
  const imp = importTrustedBookFolder(store, join(root, 'resources', 'book'), { bookId: BUNDLED_BOOK_ID, bundled: true });
  const chapters = chapterInputs(store, imp.bookId);
  store.close();
  const manifest = await writePrebuiltIndex({ outDir: out, modelCacheDir: join(work, 'models'), chapters });
  console.log(`resources/book-index: "${imp.title}", ${imp.chapterCount} chapters, ${manifest.chunkCount} passages (content ${manifest.contentHash})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Lab content packs: a book with its prebuilt search index, made once by `reader build-content` and copied into the
 * policy's contentDir, so every student's library has the book from the first launch with nothing to import or
 * index. The same mechanism as the bundled book (resources/book + resources/book-index).
 *
 *   <pack>/pack.json     what the pack is (written last: a pack without it is incomplete and skipped)
 *   <pack>/book/         the book's source folder, copied
 *   <pack>/book-index/   its search index
 *   <pack>/library.sqlite the book as rendered for the library (copied into each reader's library at start)
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { contentBookIdFor } from '../library/ids.js';
import { importBookFolder } from '../library/import-book.js';
import { LibraryStore } from '../library/store/library-store.js';
import { chapterInputs } from '../search/library-chapters.js';
import { writePrebuiltIndex } from '../search/prebuilt-index.js';
import { logger } from '../logging/program-log.js';

export const PACK_MANIFEST = 'pack.json';
export const PACK_LIBRARY = 'library.sqlite';
const PackSchema = z.object({
  format: z.literal(1),
  bookId: z.string().regex(/^content-[a-z0-9-]+$/),
  title: z.string().min(1).max(300),
  chapterCount: z.number().int().nonnegative(),
  passageCount: z.number().int().nonnegative(),
  builtAt: z.string(),
});
export type PackInfo = z.infer<typeof PackSchema>;

export interface ContentPack extends PackInfo {
  bookDir: string;
  indexDir: string;
  library: string;
}

/** Builds a pack of `bookDir` in `outDir` (which must not exist or be empty); the book id comes from outDir's name. */
export async function buildContentPack(bookDir: string, outDir: string): Promise<PackInfo> {
  const out = resolve(outDir);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty; give a new folder for the pack`);
  mkdirSync(out, { recursive: true });
  const book = join(out, 'book');
  cpSync(resolve(bookDir), book, { recursive: true, filter: (src) => !/[\\/](node_modules|\.git)$/.test(src) });
  const work = mkdtempSync(join(tmpdir(), 'reader-content-pack-'));
  try {
    const store = new LibraryStore(join(work, 'library.sqlite'));
    const bookId = contentBookIdFor(basename(out));
    // The source is whatever the admin points at: imported through the isolated workers like any book.
    const imp = await importBookFolder(store, book, { bookId, bundled: true });
    const chapters = chapterInputs(store, imp.bookId);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    copyFileSync(join(work, 'library.sqlite'), join(out, PACK_LIBRARY));
    if (chapters.length === 0) throw new Error(`No chapters found in ${bookDir}`);
    const manifest = await writePrebuiltIndex({ outDir: join(out, 'book-index'), modelCacheDir: join(work, 'models'), chapters });
    const info: PackInfo = { format: 1, bookId, title: imp.title, chapterCount: imp.chapterCount, passageCount: manifest.chunkCount, builtAt: new Date().toISOString() };
    writeFileSync(join(out, PACK_MANIFEST), `${JSON.stringify(info, null, 2)}\n`);
    return info;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The complete packs in a content folder; a missing folder is no packs, a broken pack is logged and skipped. */
export function listContentPacks(contentDir: string): ContentPack[] {
  let names: string[];
  try {
    names = readdirSync(contentDir);
  } catch {
    return [];
  }
  const packs: ContentPack[] = [];
  for (const name of names.sort()) {
    const dir = join(contentDir, name);
    const manifest = join(dir, PACK_MANIFEST);
    if (!existsSync(manifest)) continue;
    try {
      const info = PackSchema.parse(JSON.parse(readFileSync(manifest, 'utf8')));
      packs.push({ ...info, bookDir: join(dir, 'book'), indexDir: join(dir, 'book-index'), library: join(dir, PACK_LIBRARY) });
    } catch (err) {
      logger('content').warn('skipped a content pack that cannot be read', { dir, error: err });
    }
  }
  return packs;
}

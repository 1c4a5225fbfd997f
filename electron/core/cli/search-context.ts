/**
 * Shared by the `index` and `ask` commands: open the library in the data dir, make sure the book folder is
 * imported and its search index current, with a progress bar on stderr (stdout stays clean for --json).
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { bookIdFor } from '../library/ids.js';
import { importBookFolder, type LibraryImportResult } from '../library/import-book.js';
import { LibraryStore } from '../library/store/library-store.js';
import { preparePrivateDataDir } from '../private-data-dir.js';
import type { IndexStatus } from '../contract.js';
import { createSearchService, type SearchService } from '../search/search-service.js';
import { CliError } from './command.js';

export interface SearchContext {
  store: LibraryStore;
  search: SearchService;
  bookId: string;
  imported: LibraryImportResult | null;
  status: IndexStatus;
  close(): Promise<void>;
}

function progressBar(s: IndexStatus): void {
  if (!process.stderr.isTTY && s.state === 'indexing' && s.phase !== 'embedding' && s.phase !== 'preparing') return;
  const width = 30;
  const frac = s.total > 0 ? Math.min(1, s.done / s.total) : s.state === 'ready' ? 1 : 0;
  const filled = Math.round(frac * width);
  const line = `indexing [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}% ${s.phase ?? s.state} ${s.done}/${s.total}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

/** `alwaysImport`: re-import even when the book is known (the `index` command); `ask` imports only when missing. */
export async function openSearchContext(dataDir: string, bookDir: string, alwaysImport: boolean): Promise<SearchContext> {
  if (!existsSync(bookDir)) throw new CliError(`No such folder: ${bookDir}`);
  preparePrivateDataDir(dataDir);
  const store = new LibraryStore(join(dataDir, 'library.sqlite'));
  const search = createSearchService({ dataDir, store, onProgress: progressBar });
  const close = async () => {
    await search.close();
    store.close();
  };
  try {
    let bookId = bookIdFor(realpathSync(bookDir));
    let imported: LibraryImportResult | null = null;
    if (alwaysImport || !store.getBook(bookId)) {
      imported = await importBookFolder(store, bookDir);
      bookId = imported.bookId;
    }
    const status = await search.ensureIndexed(bookId);
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (status.state !== 'ready') throw new CliError(status.message ?? 'The book could not be indexed.');
    return { store, search, bookId, imported, status, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs `fn` on an open search context and closes it afterwards, whatever happens. */
export async function withSearchContext<T>(dataDir: string, bookDir: string, alwaysImport: boolean, fn: (ctx: SearchContext) => Promise<T>): Promise<T> {
  const ctx = await openSearchContext(dataDir, bookDir, alwaysImport);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

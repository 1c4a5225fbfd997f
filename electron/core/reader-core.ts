/**
 * The reader engine behind both hosts: implements every ReaderApi method over the library store. Inputs arrive
 * already validated by the host (contract schemas); this layer turns missing things into ReaderError for the user.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import {
  ReaderError,
  SettingsSchema,
  type BookImported,
  type EventName,
  type ImportResult,
  type ReaderCoreMethods,
  type ReaderEvents,
  type Settings,
} from './contract.js';
import { importBookFolder, importTrustedBookFolder, type LibraryImportResult, type ImportOptions } from './library/import-book.js';
import { BUNDLED_BOOK_ID } from './library/ids.js';
import { LibraryStore } from './library/store/library-store.js';
import { isDir } from './library/book/book-files.js';
import { preparePrivateDataDir } from './private-data-dir.js';
import { desktopConfig, type DesktopConfig } from './config/desktop-config.js';
import type { AccountCore } from './account/account-core.js';
import { accountMethodNames } from './account/account-method-names.js';
import { forwardMethods } from './forward-methods.js';
import type { SearchService } from './search/search-service.js';
import { logger } from './logging/program-log.js';
import { createAskHistory } from './ask-history/ask-history.js';
import { createAnnotations } from './annotations/annotation-methods.js';
import type { EffectivePolicy } from './policy/policy-types.js';
import { policyValues } from './policy/load-policy.js';
import { policyFor, programPolicy } from './policy/program-policy.js';
import { listContentPacks } from './content/content-pack.js';
import { adoptPackBook } from './library/store/adopt-pack-book.js';
import { dismissHandoff, listHandoffs } from './sync/handoff.js';
import { READER_SETTINGS_KEY } from './sync/synced-settings.js';
import { UNSUPPORTED_UPDATE_MESSAGE, UNSUPPORTED_UPDATE_STATE } from './updates/update-state.js';

export const DEFAULT_SETTINGS: Settings = { theme: 'system', fontSize: 18, lineWidth: 70 };

export interface ReaderCoreOptions {
  dataDir: string;
  /** The book shipped with the app; imported on start when missing or changed. */
  bundledBookDir?: string;
  /** Prebuilt search index of the bundled book (default: `book-index` beside the bundled book folder). */
  bundledIndexDir?: string;
  /** Prebuilt word-vector cache (the packaged app's resources; it ships no wink package to build one from). */
  wordVectorsDir?: string;
  /** Build the search index in the background after a book is imported through `importBook` (default true). */
  indexOnImport?: boolean;
  /** This program's configuration (default: loaded from its environment). */
  config?: DesktopConfig;
  /** The lab policy (default: read from the sources the configuration names). */
  policy?: EffectivePolicy;
}

export interface ReaderCore extends ReaderCoreMethods {
  on<E extends EventName>(event: E, listener: (payload: ReaderEvents[E]) => void): () => void;
  /** Called after every import with the changed chapter ids (the search index listens here). */
  onBookImported(listener: (result: LibraryImportResult) => void): () => void;
  /** Folder a book was imported from (for serving its images), or null for an unknown book. */
  bookDir(bookId: string): string | null;
  readonly store: LibraryStore;
  /** Result of importing the bundled book at start (null when none was configured or found). */
  readonly bundledImport: LibraryImportResult | null;
  close(): Promise<void>;
}

function toBookImported(r: LibraryImportResult): BookImported {
  return {
    bookId: r.bookId,
    title: r.title,
    chapterCount: r.chapterCount,
    added: r.added.length,
    updated: r.updated.length,
    removed: r.removed.length,
    unchanged: r.unchanged,
    skipped: r.skipped,
    failed: r.failed,
    report: r.report,
  };
}

function toImportResult(r: LibraryImportResult): ImportResult {
  return { ...toBookImported(r), moreBooks: r.moreBooks.map(toBookImported) };
}

const sameDir = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
};

export function createReaderCore(options: ReaderCoreOptions): ReaderCore {
  const config = options.config ?? desktopConfig();
  const policy = options.policy ?? (options.config ? policyFor(options.config) : programPolicy());
  const enforced = policyValues(policy);
  preparePrivateDataDir(options.dataDir);
  const store = new LibraryStore(join(options.dataDir, 'library.sqlite'));
  const events = new EventEmitter();
  const emit = <E extends EventName>(event: E, payload: ReaderEvents[E]) => events.emit(event, payload);
  const importListeners = new Set<(r: LibraryImportResult) => void>();
  const annotations = createAnnotations(store, (bookId) => emit('annotationsChanged', { bookId }));
  const askHistory = createAskHistory(store, annotations.placement, emit);

  // Search and account are loaded and started on first use: the keychain, LanceDB and index workers cost nothing
  // (not even module loading, which matters for CLI start-up) until a reader needs them.
  const bundledIndexDir =
    options.bundledIndexDir ?? (options.bundledBookDir ? join(options.bundledBookDir, '..', 'book-index') : undefined);
  // Preinstalled books (the policy's contentDir): listed now so search knows their prebuilt indexes.
  const contentPacks = listContentPacks(enforced.contentDir);
  const prebuilt: Record<string, string> = Object.fromEntries(contentPacks.map((p) => [p.bookId, p.indexDir]));
  if (bundledIndexDir) prebuilt[BUNDLED_BOOK_ID] = bundledIndexDir;
  let search: Promise<SearchService> | null = null;
  const searchService = () =>
    (search ??= import('./search/search-service.js').then((m) =>
      m.createSearchService({
        dataDir: options.dataDir,
        store,
        prebuilt,
        prebuiltWordVectorsDir: options.wordVectorsDir,
        onProgress: (status) => emit('indexProgress', status),
      }),
    ));
  let account: Promise<AccountCore> | null = null;
  const accountMethods = async () =>
    (
      await (account ??= import('./account/account-core.js').then((m) =>
        m.createAccountCore({
          dataDir: options.dataDir,
          library: store,
          emit: (e) => emit('jobEvent', e),
          config,
          policy: enforced,
          threads: askHistory,
          sync: {
            onStatus: (status) => emit('syncStatus', status),
            // Pulled records changed what the pages show.
            onPulled: () => {
              for (const book of store.listBooks()) {
                emit('libraryChanged', { bookId: book.id });
                emit('annotationsChanged', { bookId: book.id });
                emit('askThreadsChanged', { bookId: book.id });
              }
            },
          },
        }),
      ))
    ).methods;

  const importOptions = (dir: string): ImportOptions =>
    options.bundledBookDir !== undefined && sameDir(dir, options.bundledBookDir) ? { bookId: BUNDLED_BOOK_ID, bundled: true } : {};
  const announce = (result: LibraryImportResult): LibraryImportResult => {
    for (const book of [result, ...result.moreBooks]) {
      // Highlights follow a new edition at once (every one of the book, in one transaction), not when next listed.
      annotations.afterImport(book);
      for (const l of importListeners) l(book);
      emit('libraryChanged', { bookId: book.bookId });
    }
    return result;
  };

  // The bundled book is in the library from the first launch; re-rendering only what changed keeps this cheap. We
  // write that book ourselves, so it imports in this thread (no worker start-up); every other book goes through
  // the isolated workers of importBookFolder.
  let bundledImport: LibraryImportResult | null = null;
  if (options.bundledBookDir && isDir(options.bundledBookDir)) {
    try {
      bundledImport = announce(importTrustedBookFolder(store, options.bundledBookDir, importOptions(options.bundledBookDir)));
    } catch (err) {
      logger('library').error('could not import the bundled book', { dir: options.bundledBookDir, error: err });
    }
  }

  // Preinstalled books arrive already rendered (the pack's library rows), read-only (`bundled`). A pack from another
  // schema version is imported in this thread instead: packs are installed by an administrator, like the bundled book.
  for (const pack of contentPacks) {
    try {
      const stamp = `pack:${pack.builtAt}`;
      const adopted = existsSync(pack.library) ? adoptPackBook(store, { packLibrary: pack.library, bookId: pack.bookId, sourceDir: pack.bookDir, stamp }) : 'incompatible';
      if (adopted === 'adopted') emit('libraryChanged', { bookId: pack.bookId });
      else if (adopted === 'incompatible') announce(importTrustedBookFolder(store, pack.bookDir, { bookId: pack.bookId, bundled: true }));
    } catch (err) {
      logger('library').error('could not add a preinstalled book', { dir: pack.bookDir, error: err });
    }
  }

  const requireBook = (bookId: string) => {
    const book = store.getBook(bookId);
    if (!book) throw new ReaderError('not_found', 'That book is not in the library.');
    return book;
  };
  const requireChapter = (bookId: string, chapterId: string) => {
    requireBook(bookId);
    if (!store.hasChapter(bookId, chapterId)) throw new ReaderError('not_found', 'That chapter is not in this book.');
  };
  const readSettings = (): Settings => {
    const raw = store.getSetting(READER_SETTINGS_KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    try {
      const parsed = SettingsSchema.partial().safeParse(JSON.parse(raw));
      return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  };

  return {
    store,
    bundledImport,
    async listBooks() {
      return store.listBooks();
    },
    async getToc({ bookId }) {
      requireBook(bookId);
      return store.getToc(bookId);
    },
    async openChapter({ bookId, chapterId }) {
      const view = store.openChapter(bookId, chapterId);
      if (!view) throw new ReaderError('not_found', 'That chapter is not in this book.');
      return view;
    },
    async saveProgress({ bookId, chapterId, position }) {
      requireChapter(bookId, chapterId);
      store.saveProgress(bookId, chapterId, position);
      return { ok: true };
    },
    async listBookmarks({ bookId }) {
      requireBook(bookId);
      return store.listBookmarks(bookId);
    },
    async addBookmark(input) {
      requireChapter(input.bookId, input.chapterId);
      return store.addBookmark({ ...input, label: input.label.trim() });
    },
    async removeBookmark({ bookmarkId }) {
      if (!store.removeBookmark(bookmarkId)) throw new ReaderError('not_found', 'That bookmark no longer exists.');
      return { ok: true };
    },
    async searchBook({ bookId, query }) {
      requireBook(bookId);
      return store.search(bookId, query);
    },
    async getSettings() {
      return readSettings();
    },
    async setSettings(patch) {
      const next = SettingsSchema.parse({ ...readSettings(), ...patch });
      store.setSetting(READER_SETTINGS_KEY, JSON.stringify(next));
      return next;
    },
    async getPolicy() {
      return policy;
    },
    async getUpdateState() {
      return UNSUPPORTED_UPDATE_STATE;
    },
    async downloadUpdate() {
      throw new ReaderError('unavailable', UNSUPPORTED_UPDATE_MESSAGE);
    },
    async installUpdate() {
      throw new ReaderError('unavailable', UNSUPPORTED_UPDATE_MESSAGE);
    },
    async importBook({ dir }) {
      if (!enforced.allowImport) throw new ReaderError('invalid_input', 'Your administrator has turned off importing books on this computer.', { kind: 'policy' });
      if (!isDir(dir)) throw new ReaderError('invalid_input', `Not a folder: ${dir}`);
      let result: LibraryImportResult;
      try {
        result = announce(await importBookFolder(store, dir, importOptions(dir)));
      } catch (err) {
        throw new ReaderError('invalid_input', `Could not import ${dir}: ${(err as Error).message}`);
      }
      if (options.indexOnImport !== false) {
        void searchService().then(async (search) => {
          for (const book of [result, ...result.moreBooks]) await search.ensureIndexed(book.bookId);
        });
      }
      return toImportResult(result);
    },
    async getImportReport({ bookId }) {
      requireBook(bookId);
      return { report: store.importReport(bookId) };
    },
    async ask(input) {
      requireBook(input.bookId);
      const { threadId, annotationId, ...question } = input;
      const thread = threadId ? { bookId: input.bookId, threadId, annotationId } : null;
      if (thread) askHistory.check(thread);
      const result = await (await searchService()).ask(question);
      if (!thread) return result;
      askHistory.recordOffline({ ...thread, question: input.question.trim() }, result);
      return { ...result, threadId: thread.threadId };
    },
    ...askHistory.methods,
    async indexStatus({ bookId }) {
      requireBook(bookId);
      return (await searchService()).indexStatus(bookId);
    },
    async cancelIndexing({ bookId }) {
      requireBook(bookId);
      return (await searchService()).cancelIndexing(bookId);
    },
    ...forwardMethods(accountMethodNames, accountMethods),
    ...annotations.methods,
    async getHandoff({ bookId }) {
      return listHandoffs(store.db, bookId);
    },
    async dismissHandoff({ handoffId }) {
      dismissHandoff(store.db, handoffId);
      return { ok: true };
    },
    on(event, listener) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    onBookImported(listener) {
      importListeners.add(listener);
      return () => void importListeners.delete(listener);
    },
    bookDir(bookId) {
      return store.getBook(bookId)?.sourceDir ?? null;
    },
    async close() {
      events.removeAllListeners();
      importListeners.clear();
      await Promise.all([search?.then((s) => s.close()), account?.then((a) => a.close())]);
      store.close();
    },
  };
}

/**
 * Search for the reader core: keeps each book's index current (building in a worker thread, with progress events
 * and cancellation), installs the prebuilt index of a bundled book, and answers questions from the live index.
 * reader-core creates one with `createSearchService` and forwards `ask`, `indexStatus` and `cancelIndexing`.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { AskResult, IndexStatus } from '../contract.js';
import type { LibraryStore } from '../library/store/library-store.js';
import { makeTreePrivate } from '../private-data-dir.js';
import { startModuleWorker } from '../ts-worker.js';
import { extractAnswer } from './answer.js';
import { closeAllBookIndexes, openBookIndex } from './book-index.js';
import { chapterHash, contentHash } from './chapter-hash.js';
import { searchBook, type Passage } from './hybrid-search.js';
import type { IndexJob, WorkerMessage } from './index-worker.js';
import { EMBEDDING_MODELS } from './indexer.js';
import { readManifest, sameModels } from './manifest.js';
import { chapterInputs } from './library-chapters.js';
import { validateQuestion } from './question-check.js';
import { wordVectorCacheDir } from './word-vectors.js';

export interface SearchServiceOptions {
  dataDir: string;
  store: LibraryStore;
  /** Prebuilt index folders shipped with the app, by book id (the bundled book). */
  prebuilt?: Record<string, string>;
  /** Word-vector cache shipped with the app; used when whole, else one is made under the data dir on first use. */
  prebuiltWordVectorsDir?: string;
  onProgress?: (status: IndexStatus) => void;
}

export interface SearchService {
  indexStatus(bookId: string): IndexStatus;
  /** Brings the book's index up to date (joining a build already running); resolves with the final status. */
  ensureIndexed(bookId: string): Promise<IndexStatus>;
  cancelIndexing(bookId: string): IndexStatus;
  ask(input: { bookId: string; question: string; k?: number; chapterId?: string }): Promise<AskResult>;
  /** Raw passages for the CLI and benchmarks. */
  search(bookId: string, question: string, opts: { k: number; file?: string }): Promise<Passage[]>;
  close(): Promise<void>;
}

interface Running {
  worker: Worker;
  promise: Promise<IndexStatus>;
  status: IndexStatus;
}

function spawnIndexWorker(job: IndexJob): Worker {
  return startModuleWorker(import.meta.url, 'index-worker', { workerData: job });
}

export function createSearchService(opts: SearchServiceOptions): SearchService {
  const root = join(opts.dataDir, 'search');
  const modelCacheDir = wordVectorCacheDir(join(root, 'models'), opts.prebuiltWordVectorsDir);
  const indexDir = (bookId: string) => join(root, 'books', bookId);
  const running = new Map<string, Running>();
  let warming: Worker | null = null;
  /** First launch with a prebuilt index: make the word-vector cache in a worker; until then answers use keywords. */
  const warmVectors = () => {
    if (warming) return;
    warming = spawnIndexWorker({ libraryPath: opts.store.path, bookId: '', indexDir: '', modelCacheDir, vectorsOnly: true });
    const done = () => void warming?.terminate();
    warming.on('message', done);
    warming.on('error', done);
  };
  const failures = new Map<string, string>();
  const checked = new Set<string>();
  const emit = (s: IndexStatus) => opts.onProgress?.(s);

  const currentHash = (bookId: string) => {
    const hashes: Record<string, string> = {};
    for (const ch of chapterInputs(opts.store, bookId)) hashes[ch.file] = chapterHash(ch);
    return contentHash(hashes);
  };

  function readyStatus(bookId: string): IndexStatus {
    const m = readManifest(indexDir(bookId));
    const usable = m !== null && sameModels(m.models, EMBEDDING_MODELS);
    return {
      bookId,
      state: usable ? 'ready' : failures.has(bookId) ? 'failed' : 'missing',
      phase: null,
      done: 0,
      total: 0,
      chunkCount: usable ? m.chunkCount : 0,
      builtAt: usable ? m.builtAt : null,
      message: usable ? null : (failures.get(bookId) ?? null),
    };
  }

  /** Copies a matching prebuilt index into place (copy to a temp name, then rename: never half-installed). */
  function installPrebuilt(bookId: string): void {
    const src = opts.prebuilt?.[bookId];
    const dst = indexDir(bookId);
    if (!src || readManifest(dst) || !existsSync(src)) return;
    const m = readManifest(src);
    if (!m || !sameModels(m.models, EMBEDDING_MODELS) || m.contentHash !== currentHash(bookId)) return;
    const tmp = `${dst}.prebuilt-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(join(root, 'books'), { recursive: true });
    cpSync(src, tmp, { recursive: true });
    // cpSync keeps the shipped files' modes (world-readable), whatever the umask.
    makeTreePrivate(tmp);
    rmSync(dst, { recursive: true, force: true });
    renameSync(tmp, dst);
  }

  function startBuild(bookId: string): Running {
    const job: IndexJob = { libraryPath: opts.store.path, bookId, indexDir: indexDir(bookId), modelCacheDir };
    const worker = spawnIndexWorker(job);
    const status: IndexStatus = { ...readyStatus(bookId), state: 'indexing', phase: 'preparing', message: null };
    const run: Running = { worker, status, promise: Promise.resolve(status) };
    failures.delete(bookId);
    emit({ ...status });
    run.promise = new Promise<IndexStatus>((resolve) => {
      let settled = false;
      const finish = (failure: string | null) => {
        if (settled) return;
        settled = true;
        running.delete(bookId);
        if (failure) failures.set(bookId, failure);
        void worker.terminate();
        const final = readyStatus(bookId);
        emit(final);
        resolve(final);
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          Object.assign(status, { phase: m.phase, done: m.done, total: m.total });
          emit({ ...status });
        } else if (m.type === 'done') finish(null);
        else if (m.type === 'cancelled') finish('Indexing was cancelled.');
        else finish(`Indexing failed: ${m.message}`);
      });
      worker.on('error', (e) => finish(`Indexing failed: ${e.message}`));
      worker.on('exit', () => finish(settled ? null : 'Indexing stopped unexpectedly.'));
    });
    running.set(bookId, run);
    return run;
  }

  const service: SearchService = {
    indexStatus(bookId) {
      const r = running.get(bookId);
      return r ? { ...r.status } : readyStatus(bookId);
    },

    async ensureIndexed(bookId) {
      const r = running.get(bookId);
      if (r) return r.promise;
      installPrebuilt(bookId);
      const m = readManifest(indexDir(bookId));
      if (m && sameModels(m.models, EMBEDDING_MODELS) && m.contentHash === currentHash(bookId)) {
        failures.delete(bookId);
        return readyStatus(bookId);
      }
      return startBuild(bookId).promise;
    },

    cancelIndexing(bookId) {
      running.get(bookId)?.worker.postMessage('cancel');
      return service.indexStatus(bookId);
    },

    async search(bookId, question, { k, file }) {
      const idx = await openBookIndex(indexDir(bookId), modelCacheDir);
      if (!idx) return [];
      return (await searchBook(idx, question, { k, file })).passages;
    },

    async ask({ bookId, question, k = 5, chapterId }) {
      const problem = validateQuestion(question);
      if (problem) return { answer: null, passages: [], message: problem };
      const toc = opts.store.getToc(bookId);
      const byFile = new Map(toc.map((t) => [t.file, t]));
      const file = chapterId ? toc.find((t) => t.id === chapterId)?.file : undefined;
      if (chapterId && !file) return { answer: null, passages: [], message: 'That chapter is not in this book.' };
      // First launch: the bundled book's prebuilt index is installed right here, so the first question needs no wait.
      if (!running.has(bookId)) installPrebuilt(bookId);
      // Once per session, check in the background that the index matches the book (an updated bundled book, a
      // stale prebuilt index); questions keep using the current index until a rebuild is published.
      if (!checked.has(bookId)) {
        checked.add(bookId);
        // Failures surface through indexStatus; nothing awaits this promise.
        setImmediate(() => void service.ensureIndexed(bookId).catch(() => {}));
      }
      const idx = await openBookIndex(indexDir(bookId), modelCacheDir, false);
      if (idx && !idx.embedder) warmVectors();
      if (!idx) {
        const s = service.indexStatus(bookId);
        if (s.state !== 'indexing') service.ensureIndexed(bookId).catch(() => {});
        const pct = s.total > 0 ? ` (${Math.round((100 * s.done) / s.total)}%)` : '';
        return { answer: null, passages: [], message: `This book is still being indexed${pct}. Try again in a moment.` };
      }
      const { passages, keywordMatches } = await searchBook(idx, question, { k, file });
      if (keywordMatches === 0) {
        return {
          answer: null,
          passages: [],
          message: `Nothing in this ${chapterId ? 'chapter' : 'book'} matches those words. Try rephrasing with terms the book would use.`,
        };
      }
      const shown = passages.map((p) => ({
        chapterId: byFile.get(p.file)?.id ?? p.file,
        chapterTitle: byFile.get(p.file)?.title ?? p.chapterTitle,
        file: p.file,
        heading: p.heading,
        anchor: p.anchor,
        text: p.text,
        score: p.score,
      }));
      const sentences = extractAnswer(
        question,
        shown.map((p, i) => ({ text: p.text, citation: { passage: i, chapterId: p.chapterId, chapterTitle: p.chapterTitle, heading: p.heading, anchor: p.anchor } })),
      );
      return { answer: sentences.length ? { sentences } : null, passages: shown };
    },

    async close() {
      await Promise.all([...running.values()].map((r) => r.worker.terminate()));
      await warming?.terminate();
      running.clear();
      closeAllBookIndexes();
    },
  };
  return service;
}

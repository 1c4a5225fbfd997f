/**
 * Worker thread entry: reads a book's chapters from the library database and builds its index, posting progress.
 * Runs off the main thread so the reader stays responsive; a `cancel` message stops it between batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LibraryStore } from '../library/store/library-store.js';
import { buildIndex, IndexCancelled } from './indexer.js';
import { chapterInputs } from './library-chapters.js';
import { loadWordVectors } from './word-vectors.js';

export interface IndexJob {
  libraryPath: string;
  bookId: string;
  indexDir: string;
  modelCacheDir: string;
  /** Only prepare the word-vector cache (first launch with a prebuilt index), without building anything. */
  vectorsOnly?: boolean;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; chunkCount: number; reindexed: number; reused: number; removed: number }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

const job = workerData as IndexJob;
let cancelled = false;
parentPort!.on('message', (m: unknown) => {
  if (m === 'cancel') cancelled = true;
});
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function run(): Promise<WorkerMessage> {
  if (job.vectorsOnly) {
    loadWordVectors(job.modelCacheDir);
    return { type: 'done', chunkCount: 0, reindexed: 0, reused: 0, removed: 0 };
  }
  const store = new LibraryStore(job.libraryPath);
  let chapters;
  try {
    chapters = chapterInputs(store, job.bookId);
  } finally {
    store.close();
  }
  const r = await buildIndex({
    indexDir: job.indexDir,
    modelCacheDir: job.modelCacheDir,
    chapters,
    onProgress: (p) => post({ type: 'progress', ...p }),
    isCancelled: () => cancelled,
  });
  return { type: 'done', chunkCount: r.manifest.chunkCount, reindexed: r.reindexed, reused: r.reused, removed: r.removed };
}

try {
  post(await run());
} catch (e) {
  if (e instanceof IndexCancelled) post({ type: 'cancelled' });
  else post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}

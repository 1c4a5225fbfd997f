/**
 * Renders a book's chapters. An untrusted book renders on isolated worker threads, one chapter per request under
 * a time budget (see isolated-worker.ts), several threads at once: parsing Markdown dominates import time and is
 * CPU-bound, so a large book (d2l-en) imports in about 1/N of the time on N cores. A chapter that throws, runs
 * over its budget or exhausts a thread's heap is reported failed; the rest of the book renders as usual.
 */
import { availableParallelism } from 'node:os';
import type { ImportProblem } from '../../contract.js';
import type { ImportLimits } from '../import-limits.js';
import { IsolatedWorker, WorkerLost } from '../isolated-worker.js';
import { failedChapter } from './failed-chapter.js';
import { bookRenderer, type RenderJob, type RenderShared } from './render-job.js';
import type { RenderedChapter } from './types.js';

const MAX_WORKERS = 4;
// Fewer chapters than this per thread and another thread costs more to start than it saves.
const MIN_JOBS_PER_WORKER = 4;

export interface RenderOutcome {
  /** Every job's chapter; a failed one holds the visible "could not be rendered" page. */
  rendered: Map<string, RenderedChapter>;
  failed: ImportProblem[];
}

/** In this thread: only for a book we wrote ourselves (the bundled book); an untrusted book uses renderIsolated. */
export function renderInThread(shared: RenderShared, jobs: RenderJob[]): RenderOutcome {
  const render = bookRenderer(shared);
  const outcome: RenderOutcome = { rendered: new Map(), failed: [] };
  for (const job of jobs) {
    try {
      outcome.rendered.set(job.id, render(job));
    } catch (err) {
      record(outcome, job, (err as Error).message);
    }
  }
  return outcome;
}

function record(outcome: RenderOutcome, job: RenderJob, reason: string): void {
  outcome.failed.push({ file: job.file, reason });
  outcome.rendered.set(job.id, failedChapter(job, reason));
}

/** `spare`: an already started worker (the one that planned the book) to use first; it is ended here. */
export async function renderIsolated(shared: RenderShared, jobs: RenderJob[], limits: ImportLimits, spare: IsolatedWorker | null = null): Promise<RenderOutcome> {
  const outcome: RenderOutcome = { rendered: new Map(), failed: [] };
  // Longest chapters first, so the threads finish together.
  const queue = [...jobs].sort((a, b) => b.body.length - a.body.length);
  const lanes = Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(queue.length / MIN_JOBS_PER_WORKER)));
  const timeoutReason = `it took longer than ${limits.chapterTimeoutMs / 1000} s to render`;

  const lane = async () => {
    let worker: IsolatedWorker | null = null;
    let knowsBook = false;
    try {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (!worker) {
          worker = spare ?? (await IsolatedWorker.start(limits.workerHeapMb));
          spare = null;
          knowsBook = false;
        }
        try {
          const reply = await worker.request({ kind: 'render', shared: knowsBook ? undefined : shared, job }, limits.chapterTimeoutMs, timeoutReason);
          knowsBook = true;
          if (reply.kind === 'render' && reply.ok) outcome.rendered.set(job.id, reply.chapter);
          else record(outcome, job, reply.kind === 'render' && !reply.ok ? reply.reason : 'the worker gave an unexpected answer');
        } catch (err) {
          if (!(err instanceof WorkerLost)) throw err;
          record(outcome, job, err.message);
          worker = null; // the thread is gone; the next chapter gets a fresh one
        }
      }
    } finally {
      await worker?.terminate();
    }
  };
  try {
    await Promise.all(Array.from({ length: queue.length === 0 ? 0 : lanes }, lane));
  } finally {
    await spare?.terminate();
  }
  outcome.failed.sort((a, b) => a.file.localeCompare(b.file));
  return outcome;
}

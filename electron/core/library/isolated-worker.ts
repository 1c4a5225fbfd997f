/**
 * One import worker thread with a capped heap and stack, asked one thing at a time under a time budget: a request
 * that runs over its budget terminates the thread, and one that exhausts the heap kills only the thread. Either
 * way the caller gets a reason, and its own event loop never runs the untrusted parsing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker} from 'node:worker_threads';
import { type ResourceLimits } from 'node:worker_threads';
import { startModuleWorker } from '../ts-worker.js';
import type { ImportReply, ImportRequest } from './import-worker.js';

/** The thread is gone (timeout, out of memory, crash); `reason` says why in words for the import summary. */
export class WorkerLost extends Error {}

// Module loading (tsx compiles the sources in tests and the CLI) is not the book's fault: it gets its own budget.
const STARTUP_TIMEOUT_MS = 60_000;
// Node's default; a larger stack than the thread was created with would crash the process instead of throwing.
const STACK_MB = 4;

/** Built code must ship the compiled import worker: say so clearly rather than fail inside the thread. */
function spawn(resourceLimits: ResourceLimits): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    const url = new URL('./import-worker.js', import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) throw new Error('This build has no import worker (import-worker.js)');
  }
  return startModuleWorker(import.meta.url, 'import-worker', { resourceLimits });
}

const describeExit = (err: Error | null, code: number) =>
  err && (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it needed more memory than allowed' : err ? `the worker failed: ${err.message}` : `the worker stopped (exit code ${code})`;

export class IsolatedWorker {
  private pending: { resolve(r: ImportReply): void; reject(e: Error): void } | null = null;
  private lost: WorkerLost | null = null;

  private constructor(private worker: Worker) {
    let error: Error | null = null;
    worker.on('message', (reply: ImportReply) => {
      const p = this.pending;
      this.pending = null;
      p?.resolve(reply);
    });
    worker.on('error', (err) => (error = err));
    worker.on('exit', (code) => this.fail(new WorkerLost(describeExit(error, code))));
  }

  static async start(heapMb: number): Promise<IsolatedWorker> {
    const w = new IsolatedWorker(spawn({ maxOldGenerationSizeMb: heapMb, stackSizeMb: STACK_MB }));
    const first = await w.next(STARTUP_TIMEOUT_MS, 'the import worker did not start in time');
    if (first.kind !== 'ready') throw new Error('the import worker did not start properly');
    return w;
  }

  /** Sends one request; rejects with WorkerLost (and the thread ended) when it fails or outlives `timeoutMs`. */
  request(req: ImportRequest, timeoutMs: number, timeoutReason: string): Promise<ImportReply> {
    if (this.lost) return Promise.reject(this.lost);
    const reply = this.next(timeoutMs, timeoutReason);
    this.worker.postMessage(req);
    return reply;
  }

  async terminate(): Promise<void> {
    this.fail(new WorkerLost('the worker was stopped'));
    await this.worker.terminate();
  }

  private next(timeoutMs: number, timeoutReason: string): Promise<ImportReply> {
    if (this.lost) return Promise.reject(this.lost);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new WorkerLost(timeoutReason));
        void this.worker.terminate();
      }, timeoutMs);
      this.pending = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
  }

  private fail(err: WorkerLost): void {
    this.lost ??= err;
    const p = this.pending;
    this.pending = null;
    p?.reject(this.lost);
  }
}

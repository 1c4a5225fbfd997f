/**
 * Renders a book's chapters on several worker threads: parsing Markdown dominates import time and is CPU-bound,
 * so a large book (d2l-en) imports in about 1/N of the time on N cores. Small batches, single-core machines and
 * builds without the worker file render in this thread instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bookRenderer, type RenderJob, type RenderShared } from './render-job.js';
import type { RenderWorkerInput, RenderWorkerOutput } from './render-worker.js';
import type { RenderedChapter } from './types.js';

const MIN_JOBS_FOR_WORKERS = 24;
const MAX_WORKERS = 4;

/** From TypeScript sources (tsx: CLI, web host, tests) the worker must register tsx itself; Node 20 does not pass it on. */
function spawn(input: RenderWorkerInput): Worker | null {
  if (!import.meta.url.endsWith('.ts')) {
    const url = new URL('./render-worker.js', import.meta.url);
    return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? new Worker(url, { workerData: input }) : null;
  }
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: input });
}

function runWorker(worker: Worker): Promise<[string, RenderedChapter][]> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m: RenderWorkerOutput) => (m.ok ? resolve(m.results) : reject(new Error(m.message))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`render worker exited with code ${code}`)));
  });
}

export function renderInThread(shared: RenderShared, jobs: RenderJob[]): Map<string, RenderedChapter> {
  const render = bookRenderer(shared);
  return new Map(jobs.map((j) => [j.id, render(j)]));
}

export async function renderInParallel(shared: RenderShared, jobs: RenderJob[]): Promise<Map<string, RenderedChapter>> {
  const n = jobs.length < MIN_JOBS_FOR_WORKERS ? 1 : Math.min(MAX_WORKERS, availableParallelism());
  if (n < 2) return renderInThread(shared, jobs);
  // Longest chapters first, each to the least-loaded worker, so the workers finish together.
  const shares: { size: number; jobs: RenderJob[] }[] = Array.from({ length: n }, () => ({ size: 0, jobs: [] }));
  for (const job of [...jobs].sort((a, b) => b.body.length - a.body.length)) {
    const s = shares.reduce((min, x) => (x.size < min.size ? x : min));
    s.jobs.push(job);
    s.size += job.body.length;
  }
  const workers = shares.map((s) => spawn({ shared, jobs: s.jobs }));
  if (workers.some((w) => w === null)) {
    for (const w of workers) void w?.terminate();
    return renderInThread(shared, jobs);
  }
  try {
    const results = await Promise.all(workers.map((w) => runWorker(w!)));
    return new Map(results.flat());
  } finally {
    for (const w of workers) void w!.terminate();
  }
}

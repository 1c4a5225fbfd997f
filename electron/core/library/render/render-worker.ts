/** Worker thread entry: renders its share of a book's chapters and posts them back in one message. */
import { parentPort, workerData } from 'node:worker_threads';
import { bookRenderer, type RenderJob, type RenderShared } from './render-job.js';
import type { RenderedChapter } from './types.js';

export interface RenderWorkerInput {
  shared: RenderShared;
  jobs: RenderJob[];
}
export type RenderWorkerOutput = { ok: true; results: [string, RenderedChapter][] } | { ok: false; message: string };

const { shared, jobs } = workerData as RenderWorkerInput;
let out: RenderWorkerOutput;
try {
  const render = bookRenderer(shared);
  out = { ok: true, results: jobs.map((j) => [j.id, render(j)]) };
} catch (err) {
  out = { ok: false, message: (err as Error).message };
}
parentPort!.postMessage(out);

/**
 * Worker thread entry for importing an untrusted book: plans the book or renders one chapter per request, so a
 * hostile input can exhaust only this thread's heap, stack or time budget (see isolated-worker.ts).
 */
import { parentPort } from 'node:worker_threads';
import { planBooks } from './book/plan-book.js';
import type { BookPlan } from './book/types.js';
import { warnIfOneChapter } from './import-report.js';
import { bookRenderer, type RenderJob, type RenderShared } from './render/render-job.js';
import type { RenderedChapter } from './render/types.js';

export type ImportRequest =
  | { kind: 'plan'; dir: string; maxFileBytes: number }
  /** `shared` comes with the first chapter a worker renders and stays until the worker ends. */
  | { kind: 'render'; shared?: RenderShared; job: RenderJob };

export type ImportReply =
  | { kind: 'ready' }
  | { kind: 'plan'; ok: true; plans: BookPlan[] }
  | { kind: 'render'; ok: true; chapter: RenderedChapter }
  | { kind: 'plan' | 'render'; ok: false; reason: string };

const port = parentPort!;
let render: ((job: RenderJob) => RenderedChapter) | null = null;

port.on('message', (req: ImportRequest) => {
  let reply: ImportReply;
  try {
    if (req.kind === 'plan') reply = { kind: 'plan', ok: true, plans: planBooks(req.dir, req.maxFileBytes).map((p) => warnIfOneChapter(p, req.maxFileBytes)) };
    else {
      if (req.shared) render = bookRenderer(req.shared);
      if (!render) throw new Error('no book to render for');
      reply = { kind: 'render', ok: true, chapter: render(req.job) };
    }
  } catch (err) {
    // Stack overflows land here as RangeError; the thread stays usable for the next request.
    reply = { kind: req.kind, ok: false, reason: (err as Error).message };
  }
  port.postMessage(reply);
});
port.postMessage({ kind: 'ready' } satisfies ImportReply);

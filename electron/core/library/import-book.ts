/**
 * Import a book folder: plan (order, titles), render only chapters whose content hash changed, store in one
 * transaction. Unchanged chapters keep their rows, so their progress and bookmarks stay.
 */
import { planBook } from './book/plan-book.js';
import type { ImportProblem, ImportReport } from '../contract.js';
import { buildImportReport } from './import-report.js';
import type { BookPlan } from './book/types.js';
import { bookIdFor, chapterIdFor, contentHash } from './ids.js';
import { importLimits, type ImportLimits } from './import-limits.js';
import { IsolatedWorker } from './isolated-worker.js';
import type { RenderJob, RenderShared } from './render/render-job.js';
import { renderInThread, renderIsolated, type RenderOutcome } from './render/render-pool.js';
import type { ChapterPlacement, LibraryStore } from './store/library-store.js';

/** Bump when rendering output changes, so existing libraries re-render on next import. */
export const RENDER_VERSION = '7';

/** What an import changed, by chapter id, so indexers (search) can redo only those. */
export interface LibraryImportResult {
  bookId: string;
  title: string;
  flavor: string;
  chapterCount: number;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** Files left out of the book (not readable under the import's rules, or unusable), with the reason. */
  skipped: ImportProblem[];
  /** Chapters kept in the book with a "could not be rendered" page, with the reason. */
  failed: ImportProblem[];
  report: ImportReport;
}

export interface ImportOptions {
  /** Fixed id (the bundled book); default: derived from the folder's real path. */
  bookId?: string;
  bundled?: boolean;
  /** Overrides of the defaults and READER_MAX_CHAPTER_BYTES (see import-limits.ts). */
  limits?: Partial<ImportLimits>;
}

interface PreparedImport {
  shared: RenderShared;
  jobs: RenderJob[];
  finish(outcome: RenderOutcome): LibraryImportResult;
}

function prepareImport(store: LibraryStore, plan: BookPlan, opts: ImportOptions): PreparedImport {
  if (plan.chapters.length === 0) {
    const why = plan.skipped.map((s) => `; ${s.file}: ${s.reason}`).join('');
    throw new Error(`No Markdown or MDX chapters found in ${plan.root}${why}`);
  }
  const bookId = opts.bookId ?? bookIdFor(plan.root);
  const old = store.chapterHashes(bookId);
  const idByFile = new Map(plan.chapters.map((c) => [c.file, chapterIdFor(c.file)]));
  const shared: RenderShared = {
    bookId,
    flavor: plan.flavor,
    root: plan.root,
    chapterFiles: [...idByFile],
    labels: [...plan.labels].map(([k, v]) => [k, { chapterId: idByFile.get(v.file)!, title: v.title }]),
    urlPaths: plan.chapters.flatMap((c) => (c.aliases ?? []).map((a): [string, string] => [a, idByFile.get(c.file)!])),
  };

  const placements: ChapterPlacement[] = [];
  const jobs: RenderJob[] = [];
  const seen = new Set<string>();
  plan.chapters.forEach((c, ord) => {
    const id = idByFile.get(c.file)!;
    if (seen.has(id)) return; // `a.md` and `a.mdx` side by side: the first in reading order wins
    seen.add(id);
    const hash = contentHash([RENDER_VERSION, plan.flavor, c.file, c.title ?? '', c.body]);
    if (old.get(id) !== hash) jobs.push({ id, file: c.file, title: c.title, body: c.body });
    placements.push({ id, file: c.file, title: c.title ?? '', depth: c.depth, ord, parents: c.parents, contentHash: hash });
  });
  const removed = [...old.keys()].filter((id) => !seen.has(id));

  return {
    shared,
    jobs,
    finish({ rendered, failed }) {
      // A failed chapter keeps no real hash, so the next import tries it again.
      const failedIds = new Set(jobs.filter((j) => failed.some((f) => f.file === j.file)).map((j) => j.id));
      for (const p of placements) if (failedIds.has(p.id)) p.contentHash = `failed:${p.contentHash}`;
      // Chapters titled by their h1 take it from the fresh render, or keep the stored one when unchanged.
      const stored = new Map(store.getToc(bookId).map((t) => [t.id, t.title]));
      for (const p of placements) if (p.title === '') p.title = rendered.get(p.id)?.title ?? stored.get(p.id) ?? p.file;
      store.applyImport({ id: bookId, title: plan.title, sourceDir: plan.root, flavor: plan.flavor, bundled: opts.bundled ?? false }, placements, rendered, removed);
      const added = jobs.filter((j) => !old.has(j.id)).map((j) => j.id);
      const updated = jobs.filter((j) => old.has(j.id)).map((j) => j.id);
      const report = buildImportReport(plan, jobs.flatMap((j) => {
        const r = rendered.get(j.id);
        return r ? [[j.file, r.diagnostics] as [string, typeof r.diagnostics]] : [];
      }));
      return { bookId, title: plan.title, flavor: plan.flavor, chapterCount: placements.length, added, updated, removed, unchanged: placements.length - jobs.length, skipped: plan.skipped, failed, report };
    },
  };
}

/**
 * Imports in this thread, synchronously. Only for a book we wrote ourselves (the bundled book at start, the index
 * build script): it skips the worker threads' start-up cost but has none of their limits.
 */
export function importTrustedBookFolder(store: LibraryStore, dir: string, opts: ImportOptions = {}): LibraryImportResult {
  const prep = prepareImport(store, planBook(dir, importLimits(opts.limits).maxFileBytes), opts);
  return prep.finish(renderInThread(prep.shared, prep.jobs));
}

/** Plans the book on `planner` under the planning budget. */
async function planIsolated(planner: IsolatedWorker, dir: string, limits: ImportLimits): Promise<BookPlan> {
  try {
    const reply = await planner.request({ kind: 'plan', dir, maxFileBytes: limits.maxFileBytes }, limits.planTimeoutMs, `reading the book took longer than ${limits.planTimeoutMs / 1000} s`);
    if (reply.kind !== 'plan') throw new Error('the import worker gave an unexpected answer');
    if (!reply.ok) throw new Error(reply.reason);
    return reply.plan;
  } catch (err) {
    throw new Error(`Could not read the book in ${dir}: ${(err as Error).message}`);
  }
}

/**
 * Imports a book folder from anywhere: planning and rendering run on worker threads with heap, stack and time
 * limits, so a hostile book can fail (or lose chapters, reported in the result) but never freeze or crash the
 * caller. Only storing the result happens on this thread.
 */
export async function importBookFolder(store: LibraryStore, dir: string, opts: ImportOptions = {}): Promise<LibraryImportResult> {
  const limits = importLimits(opts.limits);
  const planner = await IsolatedWorker.start(limits.workerHeapMb);
  let prep: PreparedImport;
  try {
    prep = prepareImport(store, await planIsolated(planner, dir, limits), opts);
  } catch (err) {
    await planner.terminate();
    throw err;
  }
  // The planning thread is warm: it renders the first chapters (and renderIsolated ends it).
  return prep.finish(await renderIsolated(prep.shared, prep.jobs, limits, planner));
}

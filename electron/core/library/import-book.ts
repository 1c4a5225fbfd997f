/**
 * Import a book folder: plan (order, titles), render only chapters whose content hash changed, store in one
 * transaction. Unchanged chapters keep their rows, so their progress and bookmarks stay.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { planBook } from './book/plan-book.js';
import type { ImportProblem, ImportReport } from '../contract.js';
import { warnIfOneChapter } from './import-report.js';
import type { BookPlan } from './book/types.js';
import { bookIdFor, chapterIdFor, contentHash } from './ids.js';
import { importLimits, type ImportLimits } from './import-limits.js';
import { IsolatedWorker } from './isolated-worker.js';
import type { RenderJob, RenderShared } from './render/render-job.js';
import { renderInThread, renderIsolated, type RenderOutcome } from './render/render-pool.js';
import { sourceFingerprint } from './source-fingerprint.js';
import type { ChapterPlacement, LibraryStore } from './store/library-store.js';

/** Bump when planning or rendering output changes, so existing libraries re-plan and re-render on next import. */
export const RENDER_VERSION = '6';

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

/** The book folder, and the folders outside it that its stored chapters come from (e.g. `docs.path: '../docs'`). */
function sourceDirs(root: string, files: string[]): string[] {
  const outside = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    const ups = parts.findIndex((p) => p !== '..');
    if (ups > 0) outside.add(resolve(root, ...parts.slice(0, ups === parts.length - 1 ? ups : ups + 1)));
  }
  return [root, ...outside];
}

/** The folder's fingerprint and, when it is the one the book's last import stored, that import's result again. */
function checkUnchanged(store: LibraryStore, dir: string, opts: ImportOptions, limits: ImportLimits): { fingerprint: string | null; kept: LibraryImportResult | null } {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return { fingerprint: null, kept: null }; // the full import says what is wrong
  }
  const bookId = opts.bookId ?? bookIdFor(root);
  const fingerprint = sourceFingerprint(sourceDirs(root, store.chapterFiles(bookId)), `${RENDER_VERSION}\0${limits.maxFileBytes}`);
  const last = fingerprint === null ? null : store.unchangedSince(bookId, fingerprint);
  if (!last) return { fingerprint, kept: null };
  const { book, chapterCount, skipped, report } = last;
  const kept = { bookId, title: book.title, flavor: book.flavor, chapterCount, added: [], updated: [], removed: [], unchanged: chapterCount, skipped, failed: [], report };
  return { fingerprint, kept };
}

function prepareImport(store: LibraryStore, plan: BookPlan, opts: ImportOptions, fingerprint: string | null): PreparedImport {
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
      const book = { id: bookId, title: plan.title, sourceDir: plan.root, flavor: plan.flavor, bundled: opts.bundled ?? false };
      // A failed chapter is tried again next time: no fingerprint, so the next import plans and renders.
      store.applyImport(book, placements, rendered, removed, { planReport: plan.report, skipped: plan.skipped, fingerprint: failed.length ? null : fingerprint });
      const added = jobs.filter((j) => !old.has(j.id)).map((j) => j.id);
      const updated = jobs.filter((j) => old.has(j.id)).map((j) => j.id);
      // From the stored state: chapters this import did not render still report what they hold.
      const report = store.importReport(bookId)!;
      return { bookId, title: plan.title, flavor: plan.flavor, chapterCount: placements.length, added, updated, removed, unchanged: placements.length - jobs.length, skipped: plan.skipped, failed, report };
    },
  };
}

/**
 * Imports in this thread, synchronously. Only for a book we wrote ourselves (the bundled book at start, the index
 * build script): it skips the worker threads' start-up cost but has none of their limits.
 */
export function importTrustedBookFolder(store: LibraryStore, dir: string, opts: ImportOptions = {}): LibraryImportResult {
  const limits = importLimits(opts.limits);
  const { fingerprint, kept } = checkUnchanged(store, dir, opts, limits);
  if (kept) return kept;
  const prep = prepareImport(store, warnIfOneChapter(planBook(dir, limits.maxFileBytes), limits.maxFileBytes), opts, fingerprint);
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
  // Unchanged since the last import (file metadata only, read in this thread): no worker, nothing to plan.
  const { fingerprint, kept } = checkUnchanged(store, dir, opts, limits);
  if (kept) return kept;
  const planner = await IsolatedWorker.start(limits.workerHeapMb);
  let prep: PreparedImport;
  try {
    prep = prepareImport(store, await planIsolated(planner, dir, limits), opts, fingerprint);
  } catch (err) {
    await planner.terminate();
    throw err;
  }
  // The planning thread is warm: it renders the first chapters (and renderIsolated ends it).
  return prep.finish(await renderIsolated(prep.shared, prep.jobs, limits, planner));
}

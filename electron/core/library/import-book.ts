/**
 * Import a book folder: plan (order, titles), render only chapters whose content hash changed, store in one
 * transaction. Unchanged chapters keep their rows, so their progress and bookmarks stay.
 */
import { realpathSync } from 'node:fs';
import { isInside } from '../hosting/safe-path.js';
import { planBooks } from './book/plan-book.js';
import type { ImportProblem, ImportReport } from '../contract.js';
import type { BookPlan } from './book/types.js';
import { bookIdFor, chapterIdFor, contentHash } from './ids.js';
import { bookKeyFor } from './book-key.js';
import { importLimits, type ImportLimits } from './import-limits.js';
import { warnIfOneChapter } from './import-report.js';
import { IsolatedWorker } from './isolated-worker.js';
import { sourceFingerprint } from './source-fingerprint.js';
import type { RenderJob, RenderShared } from './render/render-job.js';
import { renderInThread, renderIsolated, type RenderOutcome } from './render/render-pool.js';
import type { ChapterPlacement, LibraryStore } from './store/library-store.js';

/** Bump when planning or rendering output changes, so existing libraries re-plan and re-render on next import. */
export const RENDER_VERSION = '8';

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
  /** The further books the folder held (a Docusaurus site's other docs plugin instances); empty for most folders. */
  moreBooks: LibraryImportResult[];
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

/**
 * When nothing under the book's root changed since the last import (file metadata only, read in this thread), that import's
 * result again: no worker, nothing planned. A folder that held several books always takes the full path.
 */
function checkUnchanged(store: LibraryStore, dir: string, opts: ImportOptions, limits: ImportLimits): { fingerprint: string | null; kept: LibraryImportResult | null } {
  let chosen: string;
  try {
    chosen = realpathSync(dir);
  } catch {
    return { fingerprint: null, kept: null }; // the full import says what is wrong
  }
  const bookId = opts.bookId ?? bookIdFor(chosen);
  // Everything the last import could read lies under its root (the chosen folder, or the site or repository holding
  // it and its docs): config, sidebars, category files, JSON they require, images.
  const storedRoot = store.getBook(bookId)?.sourceDir;
  const dirs = storedRoot && isInside(storedRoot, chosen) ? [storedRoot] : [chosen];
  const fingerprint = sourceFingerprint(dirs, `${RENDER_VERSION}\0${limits.maxFileBytes}`);
  const last = fingerprint === null ? null : store.unchangedSince(bookId, fingerprint);
  if (!last) return { fingerprint, kept: null };
  const { book, chapterCount, skipped, report } = last;
  const kept = { bookId, title: book.title, flavor: book.flavor, chapterCount, added: [], updated: [], removed: [], unchanged: chapterCount, skipped, failed: [], report, moreBooks: [] };
  return { fingerprint, kept };
}

// A book names its groups and chapters; every chapter row repeats its groups' labels, so a label must stay short or
// a tiny book (one 4 MB category label, many pages) makes a huge library.
const MAX_LABEL_CHARS = 300;
const MAX_GROUP_DEPTH = 12;
const clampLabel = (label: string) => (label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label);

function noChapters(plan: BookPlan): Error {
  const why = [...plan.report.notes, ...plan.skipped.map((s) => `${s.file}: ${s.reason}`)].map((w) => `; ${w}`).join('');
  return new Error(`No Markdown or MDX chapters found in ${plan.root}${why}`);
}

function prepareImport(store: LibraryStore, plan: BookPlan, opts: ImportOptions, fingerprint: string | null): PreparedImport {
  if (plan.chapters.length === 0) throw noChapters(plan);
  const bookId = opts.bookId !== undefined ? opts.bookId + (plan.instanceId ? `-${plan.instanceId}` : '') : bookIdFor(plan.dir, plan.instanceId);
  const old = store.chapterHashes(bookId);
  const idByFile = new Map(plan.chapters.map((c) => [c.file, chapterIdFor(c.file)]));
  const shared: RenderShared = {
    bookId,
    flavor: plan.flavor,
    root: plan.root,
    chapterFiles: [...idByFile],
    labels: [...plan.labels].map(([k, v]) => [k, { chapterId: idByFile.get(v.file)!, title: v.title }]),
    site: plan.site && { mermaid: plan.site.mermaid, staticDirs: plan.site.staticDirs, docsDir: plan.site.docsDir },
    urlPaths: plan.chapters.flatMap((c) => (c.aliases ?? []).map((a): [string, string] => [a, idByFile.get(c.file)!])),
  };

  // A chapter's HTML also depends on the site's options (mermaid, static folders): when they change, every chapter
  // renders again. Chapters whose links or images led nowhere render again on every full import, so a page or file
  // added later is picked up; the rest stay as they are.
  const bookContext = contentHash([JSON.stringify(shared.site ?? null)]);
  const retry = store.chaptersWithUnresolved(bookId);
  const placements: ChapterPlacement[] = [];
  const jobs: RenderJob[] = [];
  const seen = new Set<string>();
  plan.chapters.forEach((c, ord) => {
    const id = idByFile.get(c.file)!;
    if (seen.has(id)) return; // `a.md` and `a.mdx` side by side: the first in reading order wins
    seen.add(id);
    const hash = contentHash([RENDER_VERSION, plan.flavor, bookContext, c.file, c.title ?? '', c.tocLabel ?? '', c.format ?? '', c.url ?? '', c.body]);
    if (old.get(id) !== hash || retry.has(id)) jobs.push({ id, file: c.file, title: c.title, body: c.body, format: c.format, url: c.url });
    // The table of contents shows the sidebar label; the chapter page, its heading.
    placements.push({ id, file: c.file, title: clampLabel(c.tocLabel ?? c.title ?? ''), depth: Math.min(c.depth, MAX_GROUP_DEPTH), ord, parents: c.parents.slice(0, MAX_GROUP_DEPTH).map(clampLabel), contentHash: hash });
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
      for (const p of placements) if (p.title === '') p.title = clampLabel(rendered.get(p.id)?.title ?? stored.get(p.id) ?? p.file);
      const book = { id: bookId, title: clampLabel(plan.title), sourceDir: plan.root, flavor: plan.flavor, bundled: opts.bundled ?? false, bookKey: bookKeyFor(plan, opts.bundled ?? false) };
      // A failed chapter is tried again next time: no fingerprint, so the next import plans and renders.
      store.applyImport(book, placements, rendered, removed, { planReport: plan.report, skipped: plan.skipped, fingerprint: failed.length ? null : fingerprint, tocLinks: (plan.tocLinks ?? []).map((l) => ({ ...l, title: clampLabel(l.title), depth: Math.min(l.depth, MAX_GROUP_DEPTH), parents: l.parents.slice(0, MAX_GROUP_DEPTH).map(clampLabel) })) });
      const added = jobs.filter((j) => !old.has(j.id)).map((j) => j.id);
      const updated = jobs.filter((j) => old.has(j.id)).map((j) => j.id);
      // From the stored state: chapters this import did not render still report what they hold.
      const report = store.importReport(bookId)!;
      return { bookId, title: clampLabel(plan.title), flavor: plan.flavor, chapterCount: placements.length, added, updated, removed, unchanged: placements.length - jobs.length, skipped: plan.skipped, failed, report, moreBooks: [] };
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
  const [main, ...more] = usablePlans(planBooks(dir, limits.maxFileBytes).map((p) => warnIfOneChapter(p, limits.maxFileBytes)));
  const prep = prepareImport(store, main, opts, more.length ? null : fingerprint);
  const result = prep.finish(renderInThread(prep.shared, prep.jobs));
  for (const plan of more) {
    const p = prepareImport(store, plan, opts, null);
    result.moreBooks.push(p.finish(renderInThread(p.shared, p.jobs)));
  }
  return result;
}

/**
 * The plans worth importing: the main one always (an empty main book is an error the caller reports), further
 * books only when they hold chapters; an empty one is a warning on the main book.
 */
function usablePlans(plans: BookPlan[]): [BookPlan, ...BookPlan[]] {
  const [main, ...more] = plans as [BookPlan, ...BookPlan[]];
  const usable = more.filter((p) => p.chapters.length > 0);
  const empty = more.filter((p) => p.chapters.length === 0);
  const warnings = empty.map((p) => `"${p.title}" (docs plugin ${p.instanceId ?? ''}) has no pages and was not imported: ${p.report.notes.at(-1) ?? 'no Markdown or MDX files'}`);
  return [{ ...main, report: { ...main.report, warnings: [...main.report.warnings, ...warnings] } }, ...usable];
}

/** Plans the folder's books on `planner` under the planning budget. */
async function planIsolated(planner: IsolatedWorker, dir: string, limits: ImportLimits): Promise<BookPlan[]> {
  try {
    const reply = await planner.request({ kind: 'plan', dir, maxFileBytes: limits.maxFileBytes }, limits.planTimeoutMs, `reading the book took longer than ${limits.planTimeoutMs / 1000} s`);
    if (reply.kind !== 'plan') throw new Error('the import worker gave an unexpected answer');
    if (!reply.ok) throw new Error(reply.reason);
    return reply.plans;
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
  const { fingerprint, kept } = checkUnchanged(store, dir, opts, limits);
  if (kept) return kept;
  const planner = await IsolatedWorker.start(limits.workerHeapMb);
  let preps: PreparedImport[];
  try {
    const plans = usablePlans(await planIsolated(planner, dir, limits));
    preps = plans.map((plan) => prepareImport(store, plan, opts, plans.length > 1 ? null : fingerprint));
  } catch (err) {
    await planner.terminate();
    throw err;
  }
  // The planning thread is warm: it renders the first book's first chapters (and renderIsolated ends it).
  const [main, ...more] = preps as [PreparedImport, ...PreparedImport[]];
  const result = main.finish(await renderIsolated(main.shared, main.jobs, limits, planner));
  for (const p of more) result.moreBooks.push(p.finish(await renderIsolated(p.shared, p.jobs, limits)));
  return result;
}

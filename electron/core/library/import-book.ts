/**
 * Import a book folder: plan (order, titles), render only chapters whose content hash changed, store in one
 * transaction. Unchanged chapters keep their rows, so their progress and bookmarks stay.
 */
import { planBook } from './book/plan-book.js';
import { bookIdFor, chapterIdFor, contentHash } from './ids.js';
import type { RenderJob, RenderShared } from './render/render-job.js';
import { renderInParallel, renderInThread } from './render/render-pool.js';
import type { RenderedChapter } from './render/types.js';
import type { ChapterPlacement, LibraryStore } from './store/library-store.js';

/** Bump when rendering output changes, so existing libraries re-render on next import. */
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
}

export interface ImportOptions {
  /** Fixed id (the bundled book); default: derived from the folder's real path. */
  bookId?: string;
  bundled?: boolean;
}

interface PreparedImport {
  shared: RenderShared;
  jobs: RenderJob[];
  finish(rendered: Map<string, RenderedChapter>): LibraryImportResult;
}

function prepareImport(store: LibraryStore, dir: string, opts: ImportOptions): PreparedImport {
  const plan = planBook(dir);
  if (plan.chapters.length === 0) throw new Error(`No Markdown or MDX chapters found in ${dir}`);
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
    finish(rendered) {
      // Chapters titled by their h1 take it from the fresh render, or keep the stored one when unchanged.
      const stored = new Map(store.getToc(bookId).map((t) => [t.id, t.title]));
      for (const p of placements) if (p.title === '') p.title = rendered.get(p.id)?.title ?? stored.get(p.id) ?? p.file;
      store.applyImport({ id: bookId, title: plan.title, sourceDir: plan.root, flavor: plan.flavor, bundled: opts.bundled ?? false }, placements, rendered, removed);
      const added = jobs.filter((j) => !old.has(j.id)).map((j) => j.id);
      const updated = jobs.filter((j) => old.has(j.id)).map((j) => j.id);
      return { bookId, title: plan.title, flavor: plan.flavor, chapterCount: placements.length, added, updated, removed, unchanged: placements.length - jobs.length };
    },
  };
}

/** Imports in this thread (small books, the bundled book at start, and callers that need a synchronous result). */
export function importBookFolder(store: LibraryStore, dir: string, opts: ImportOptions = {}): LibraryImportResult {
  const prep = prepareImport(store, dir, opts);
  return prep.finish(renderInThread(prep.shared, prep.jobs));
}

/** Imports with chapters rendered on worker threads when there are many to render. */
export async function importBookFolderParallel(store: LibraryStore, dir: string, opts: ImportOptions = {}): Promise<LibraryImportResult> {
  const prep = prepareImport(store, dir, opts);
  return prep.finish(await renderInParallel(prep.shared, prep.jobs));
}

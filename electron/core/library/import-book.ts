/**
 * Import a book folder: plan (order, titles), render only chapters whose content hash changed, store in one
 * transaction. Unchanged chapters keep their rows, so their progress and bookmarks stay.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planBook } from './book/plan-book.js';
import { bookIdFor, chapterIdFor, contentHash } from './ids.js';
import { renderChapter } from './render/render-chapter.js';
import type { RenderContext, RenderedChapter } from './render/types.js';
import type { ChapterPlacement, LibraryStore } from './store/library-store.js';

/** Bump when rendering output changes, so existing libraries re-render on next import. */
export const RENDER_VERSION = '1';

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

export function importBookFolder(store: LibraryStore, dir: string, opts: ImportOptions = {}): LibraryImportResult {
  const plan = planBook(dir);
  if (plan.chapters.length === 0) throw new Error(`No Markdown or MDX chapters found in ${dir}`);
  const bookId = opts.bookId ?? bookIdFor(plan.root);
  const old = store.chapterHashes(bookId);
  const idByFile = new Map(plan.chapters.map((c) => [c.file, chapterIdFor(c.file)]));
  const labels = new Map([...plan.labels].map(([k, v]) => [k, { chapterId: idByFile.get(v.file)!, title: v.title }]));
  const existsCache = new Map<string, boolean>();
  const assetExists = (rel: string) => {
    let e = existsCache.get(rel);
    if (e === undefined) existsCache.set(rel, (e = existsSync(join(plan.root, rel))));
    return e;
  };

  const placements: ChapterPlacement[] = [];
  const rendered = new Map<string, RenderedChapter>();
  const added: string[] = [];
  const updated: string[] = [];
  const seen = new Set<string>();
  plan.chapters.forEach((c, ord) => {
    const id = idByFile.get(c.file)!;
    if (seen.has(id)) return; // `a.md` and `a.mdx` side by side: the first in reading order wins
    seen.add(id);
    const hash = contentHash([RENDER_VERSION, plan.flavor, c.file, c.title ?? '', c.body]);
    let title = c.title;
    if (old.get(id) !== hash) {
      const ctx: RenderContext = {
        bookId,
        flavor: plan.flavor,
        file: c.file,
        title: c.title,
        assetExists,
        chapterIdForFile: (f) => idByFile.get(f) ?? null,
        labels,
      };
      const r = renderChapter(c.body, ctx);
      rendered.set(id, r);
      title = r.title;
      (old.has(id) ? updated : added).push(id);
    }
    placements.push({ id, file: c.file, title: title ?? '', depth: c.depth, ord, parents: c.parents, contentHash: hash });
  });
  const removed = [...old.keys()].filter((id) => !seen.has(id));
  // Unchanged chapters whose title came from their h1 keep the stored title.
  const storedTitles = placements.some((p) => p.title === '') ? new Map(store.getToc(bookId).map((t) => [t.id, t.title])) : null;
  for (const p of placements) if (p.title === '') p.title = storedTitles?.get(p.id) ?? p.file;
  store.applyImport({ id: bookId, title: plan.title, sourceDir: plan.root, flavor: plan.flavor, bundled: opts.bundled ?? false }, placements, rendered, removed);
  return {
    bookId,
    title: plan.title,
    flavor: plan.flavor,
    chapterCount: placements.length,
    added,
    updated,
    removed,
    unchanged: placements.length - added.length - updated.length,
  };
}

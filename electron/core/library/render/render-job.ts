/**
 * A chapter render as plain data, so it can run in this thread or in a worker: the book-wide context (file -> id
 * map, d2l labels, folder) is rebuilt into a RenderContext on whichever side renders.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderChapter } from './render-chapter.js';
import type { BookFlavor, RenderContext, RenderedChapter } from './types.js';

export interface RenderShared {
  bookId: string;
  flavor: BookFlavor;
  /** Real path of the book folder. */
  root: string;
  /** [file, chapter id] for every chapter of the book. */
  chapterFiles: [string, string][];
  labels: [string, { chapterId: string; title: string }][];
  /** [site URL path, chapter id]: links written as `/docs/...` or a page's slug. */
  urlPaths: [string, string][];
  /** A Docusaurus site's settings that change rendering (absent for other books). */
  site?: { mermaid: boolean; staticDirs: string[]; docsDir: string };
}

export interface RenderJob {
  id: string;
  file: string;
  title: string | null;
  body: string;
  /** How the source is parsed; absent: by the file's extension. */
  format?: 'mdx' | 'md';
  /** The page's own site URL path, for relative URL links. */
  url?: string;
}

/** Returns a renderer bound to one book; file-existence checks are cached for the whole book. */
export function bookRenderer(shared: RenderShared): (job: RenderJob) => RenderedChapter {
  const idByFile = new Map(shared.chapterFiles);
  const labels = new Map(shared.labels);
  const byUrlPath = new Map(shared.urlPaths);
  const exists = new Map<string, boolean>();
  const assetExists = (rel: string) => {
    let e = exists.get(rel);
    if (e === undefined) exists.set(rel, (e = existsSync(join(shared.root, rel))));
    return e;
  };
  return (job) => {
    const ctx: RenderContext = {
      bookId: shared.bookId,
      flavor: shared.flavor,
      file: job.file,
      title: job.title,
      assetExists,
      chapterIdForFile: (f) => idByFile.get(f) ?? null,
      chapterIdForUrlPath: (p) => byUrlPath.get(p) ?? null,
      labels,
      format: job.format,
      pageUrl: job.url,
      mermaid: shared.site?.mermaid,
      staticDirs: shared.site?.staticDirs,
      docsDir: shared.site?.docsDir,
    };
    return renderChapter(job.body, ctx);
  };
}

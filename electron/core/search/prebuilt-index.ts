/**
 * Writes a book's search index to ship beside it (the bundled book's resources/book-index, a lab content pack's
 * book-index): built beside the output, then swapped in, so a failed build never leaves a half-written index.
 */
import { renameSync, rmSync } from 'node:fs';
import { buildIndex } from './indexer.js';
import type { IndexManifest } from './manifest.js';
import type { ChapterInput } from './types.js';

export async function writePrebuiltIndex(opts: { outDir: string; modelCacheDir: string; chapters: ChapterInput[] }): Promise<IndexManifest> {
  const staging = `${opts.outDir}.building`;
  rmSync(staging, { recursive: true, force: true });
  const r = await buildIndex({ indexDir: staging, modelCacheDir: opts.modelCacheDir, chapters: opts.chapters });
  rmSync(opts.outDir, { recursive: true, force: true });
  renameSync(staging, opts.outDir);
  return r.manifest;
}

/**
 * A book's index folder holds a LanceDB database and `manifest.json`. The manifest names the one complete table
 * and is written last (temp file, fsync, rename), so a reader only ever sees a finished table: a crash mid-build
 * leaves the previous manifest (or none) in place, and the half-built table is dropped on the next build.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Bumped when the table layout changes (2: section_text column): an older index is rebuilt, not reused. */
export const MANIFEST_FORMAT = 2;

const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  /** Every model whose vectors are in the table, with its dimension: any change means a full rebuild. */
  models: z.array(z.object({ id: z.string(), dim: z.number().int().positive() })),
  table: z.string().regex(/^chunks_\d+$/),
  generation: z.number().int().nonnegative(),
  /** Chapter file (relative to the book folder) -> content hash of what was indexed. */
  chapters: z.record(z.string(), z.string()),
  /** Hash over all chapter hashes: a prebuilt index is used only when this matches the book. */
  contentHash: z.string(),
  chunkCount: z.number().int().nonnegative(),
  /** SIF common component fitted on this book, so queries are projected as the chunks were. */
  sifComponent: z.array(z.number()).optional(),
  builtAt: z.string(),
});
export type IndexManifest = z.infer<typeof ManifestSchema>;

export const manifestPath = (indexDir: string) => join(indexDir, 'manifest.json');
export const lanceDir = (indexDir: string) => join(indexDir, 'lance');

export function readManifest(indexDir: string): IndexManifest | null {
  let raw: string;
  try {
    raw = readFileSync(manifestPath(indexDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeManifest(indexDir: string, m: IndexManifest): void {
  const final = manifestPath(indexDir);
  const tmp = `${final}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(m));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, final);
}

export function sameModels(a: IndexManifest['models'], b: IndexManifest['models']): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i]!.id && m.dim === b[i]!.dim);
}

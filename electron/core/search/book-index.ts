/**
 * A book's published index opened for queries. Re-opened whenever the manifest changes (a build in a worker or
 * another process published a new generation), so queries always see exactly one complete table.
 */
import { statSync } from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import type { ChunkRow } from './chunk-table.js';
import { createGloveSifEmbedder, type GloveSif } from './glove-sif-embedder.js';
import { EMBEDDING_MODELS } from './indexer.js';
import { lanceDir, manifestPath, readManifest, sameModels, type IndexManifest } from './manifest.js';
import { buildSectionLexicon, type SectionLexicon } from './section-lexicon.js';
import { loadCachedWordVectors, loadWordVectors, type WordVectors } from './word-vectors.js';

/** What a result shows, kept in memory: queries then fetch only ids and scores from LanceDB (several times faster). */
export type ChunkMeta = Pick<ChunkRow, 'id' | 'file' | 'chapter_title' | 'anchor' | 'heading' | 'heading_path' | 'text'>;

export interface OpenBookIndex {
  manifest: IndexManifest;
  table: lancedb.Table;
  /** Null until the word-vector cache exists (first launch): queries then use the keyword lists alone. */
  embedder: GloveSif | null;
  /** The word vectors behind the embedder (null with it), also used to match single words by meaning. */
  wordVectors: WordVectors | null;
  chunks: Map<string, ChunkMeta>;
  /** Word statistics per section, for reranking. */
  lexicon: SectionLexicon;
}

interface Cached {
  mtimeMs: number;
  index: OpenBookIndex;
  db: lancedb.Connection;
}
const open = new Map<string, Cached>();

function manifestMtime(indexDir: string): number | null {
  try {
    return statSync(manifestPath(indexDir)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The live index, or null when the book has none (or one built with another model, which must be rebuilt).
 * `waitForVectors` (CLI, benchmarks) converts the word vectors if needed; the app instead gets an index without
 * an embedder until a worker has made the cache, so a first question never blocks the main thread.
 */
export async function openBookIndex(indexDir: string, modelCacheDir: string, waitForVectors = true): Promise<OpenBookIndex | null> {
  const mtime = manifestMtime(indexDir);
  const cached = open.get(indexDir);
  const vectorsNowReady = cached?.index.embedder === null && (waitForVectors || loadCachedWordVectors(modelCacheDir) !== null);
  if (cached && cached.mtimeMs === mtime && !vectorsNowReady) return cached.index;
  if (cached) {
    cached.db.close();
    open.delete(indexDir);
  }
  if (mtime === null) return null;
  const manifest = readManifest(indexDir);
  if (!manifest || !sameModels(manifest.models, EMBEDDING_MODELS)) return null;
  const db = await lancedb.connect(lanceDir(indexDir));
  let table: lancedb.Table;
  try {
    table = await db.openTable(manifest.table);
  } catch {
    db.close();
    return null;
  }
  const vectors = waitForVectors ? loadWordVectors(modelCacheDir) : loadCachedWordVectors(modelCacheDir);
  const embedder = vectors ? createGloveSifEmbedder(vectors) : null;
  if (embedder && manifest.sifComponent) embedder.setComponent(Float32Array.from(manifest.sifComponent));
  const chunks = new Map<string, ChunkMeta>();
  const rows = await table.query().select(['id', 'file', 'chapter_title', 'anchor', 'heading', 'heading_path', 'text']).toArray();
  for (const r of rows as ChunkMeta[]) chunks.set(r.id, { ...r });
  const index = { manifest, table, embedder, wordVectors: vectors, chunks, lexicon: buildSectionLexicon(chunks.values(), vectors) };
  open.set(indexDir, { mtimeMs: mtime, index, db });
  return index;
}

export function closeAllBookIndexes(): void {
  for (const c of open.values()) c.db.close();
  open.clear();
}

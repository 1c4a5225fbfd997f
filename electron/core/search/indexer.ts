/**
 * Builds (or brings up to date) one book's index. Always writes a new table generation next to the live one and
 * publishes it by rewriting the manifest last, so searches keep using the previous complete table until the swap
 * and a kill at any point leaves a usable (or absent) index. Unchanged chapters are copied with their vectors;
 * only changed chapters are chunked and embedded again. A change of embedding model rebuilds everything.
 */
import { mkdirSync } from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import { chapterHash, contentHash } from './chapter-hash.js';
import { chunkChapter } from './chunker.js';
import { chunkSchema, createFtsIndexes, fromRecord, sqlString, toRow, type ChunkRow } from './chunk-table.js';
import { createGloveSifEmbedder } from './glove-sif-embedder.js';
import { lanceDir, MANIFEST_FORMAT, readManifest, sameModels, writeManifest, type IndexManifest } from './manifest.js';
import type { ChapterInput } from './types.js';
import { loadWordVectors } from './word-vectors.js';

export interface IndexProgress {
  phase: 'preparing' | 'embedding' | 'writing' | 'indexing' | 'done';
  done: number;
  total: number;
}

export interface BuildOptions {
  indexDir: string;
  /** Where the word-vector cache lives (shared by all books). */
  modelCacheDir: string;
  chapters: ChapterInput[];
  onProgress?: (p: IndexProgress) => void;
  /** Checked between batches; throwing stops the build and leaves the live index untouched. */
  isCancelled?: () => boolean;
}

export interface BuildResult {
  manifest: IndexManifest;
  /** Chapters chunked and embedded in this run (0 when the index was already current). */
  reindexed: number;
  reused: number;
  removed: number;
}

export class IndexCancelled extends Error {
  constructor() {
    super('Indexing was cancelled.');
    this.name = 'IndexCancelled';
  }
}

export const EMBEDDING_MODELS: IndexManifest['models'] = [{ id: 'glove-6b-100d-sif@1', dim: 100 }];
const BATCH = 200;

export async function buildIndex(opts: BuildOptions): Promise<BuildResult> {
  const progress = opts.onProgress ?? (() => {});
  const checkCancel = () => {
    if (opts.isCancelled?.()) throw new IndexCancelled();
  };
  progress({ phase: 'preparing', done: 0, total: opts.chapters.length });
  mkdirSync(opts.indexDir, { recursive: true });
  const hashes: Record<string, string> = {};
  for (const ch of opts.chapters) hashes[ch.file] = chapterHash(ch);
  const old = readManifest(opts.indexDir);
  const compatible = old !== null && sameModels(old.models, EMBEDDING_MODELS);
  const db = await lancedb.connect(lanceDir(opts.indexDir));
  try {
    const newContent = contentHash(hashes);
    const existing = await db.tableNames();
    if (compatible && old.contentHash === newContent && existing.includes(old.table)) {
      progress({ phase: 'done', done: 0, total: 0 });
      return { manifest: old, reindexed: 0, reused: opts.chapters.length, removed: 0 };
    }
    const unchanged = compatible && existing.includes(old.table)
      ? opts.chapters.filter((ch) => old.chapters[ch.file] === hashes[ch.file]).map((ch) => ch.file)
      : [];
    const unchangedSet = new Set(unchanged);
    const changed = opts.chapters.filter((ch) => !unchangedSet.has(ch.file));
    const removed = compatible ? Object.keys(old.chapters).filter((f) => !(f in hashes)).length : 0;

    const embedder = createGloveSifEmbedder(loadWordVectors(opts.modelCacheDir));
    const chunks = changed.flatMap(chunkChapter);
    const texts = chunks.map((c) => `${c.headingPath}\n${c.text}`);
    // The SIF component stays fixed across incremental updates so old and new vectors remain comparable.
    let sifComponent = unchanged.length > 0 ? old?.sifComponent : undefined;
    if (sifComponent) embedder.setComponent(Float32Array.from(sifComponent));
    else sifComponent = Array.from(embedder.fit(texts));

    const rows: ChunkRow[] = [];
    if (unchanged.length > 0) {
      const oldTable = await db.openTable(old!.table);
      const records = await oldTable.query().where(`file IN (${unchanged.map(sqlString).join(', ')})`).toArray();
      for (const r of records) rows.push(fromRecord(r as Record<string, unknown>));
    }
    for (let i = 0; i < chunks.length; i += BATCH) {
      // A macrotask turn between batches lets a worker receive its cancel message.
      await new Promise((r) => setImmediate(r));
      checkCancel();
      const vecs = await embedder.embed(texts.slice(i, i + BATCH));
      vecs.forEach((v, j) => rows.push(toRow(chunks[i + j]!, v)));
      progress({ phase: 'embedding', done: Math.min(i + BATCH, chunks.length), total: chunks.length });
    }

    // The new generation's name is above every table present, so a leftover from a killed build is never reused.
    const generation = Math.max(old?.generation ?? 0, ...existing.map((t) => Number(t.split('_')[1]) || 0)) + 1;
    const tableName = `chunks_${generation}`;
    const table = await db.createEmptyTable(tableName, chunkSchema(EMBEDDING_MODELS[0]!.dim));
    for (let i = 0; i < rows.length; i += 1000) {
      checkCancel();
      await table.add(rows.slice(i, i + 1000) as unknown as Record<string, unknown>[]);
      progress({ phase: 'writing', done: Math.min(i + 1000, rows.length), total: rows.length });
    }
    checkCancel();
    progress({ phase: 'indexing', done: 0, total: 1 });
    await createFtsIndexes(table);
    checkCancel();

    const manifest: IndexManifest = {
      format: MANIFEST_FORMAT,
      models: EMBEDDING_MODELS,
      table: tableName,
      generation,
      chapters: hashes,
      contentHash: newContent,
      chunkCount: rows.length,
      sifComponent,
      builtAt: new Date().toISOString(),
    };
    writeManifest(opts.indexDir, manifest);
    await dropStaleTables(db, tableName);
    progress({ phase: 'done', done: rows.length, total: rows.length });
    return { manifest, reindexed: changed.length, reused: unchanged.length, removed };
  } finally {
    db.close();
  }
}

/** Tables other than the live one are old generations or leftovers of an interrupted build. */
async function dropStaleTables(db: lancedb.Connection, live: string): Promise<void> {
  for (const name of await db.tableNames()) {
    if (name !== live) await db.dropTable(name).catch(() => {});
  }
}

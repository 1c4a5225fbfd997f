/** The LanceDB table of one book's chunks: Arrow schema, rows, and the two full-text indexes. */
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';
import type { Chunk } from './types.js';

export interface ChunkRow {
  id: string;
  file: string;
  chapter_title: string;
  anchor: string;
  heading: string;
  heading_path: string;
  seq: number;
  text: string;
  /** Heading path + text: the main BM25 field, so a section's title words count for its passages. */
  search_text: string;
  /** Whole-section text on a section's first chunk ('' elsewhere), for section-level BM25. */
  section_text: string;
  vector: number[];
}

export const FTS_COLUMNS = ['search_text', 'heading_path', 'section_text'] as const;

export function chunkSchema(dim: number): Schema {
  const s = (name: string) => new Field(name, new Utf8(), false);
  return new Schema([
    s('id'),
    s('file'),
    s('chapter_title'),
    s('anchor'),
    s('heading'),
    s('heading_path'),
    new Field('seq', new Int32(), false),
    s('text'),
    s('search_text'),
    s('section_text'),
    new Field('vector', new FixedSizeList(dim, new Field('item', new Float32(), true)), false),
  ]);
}

export function toRow(c: Chunk, vector: Float32Array): ChunkRow {
  return {
    id: c.id,
    file: c.file,
    chapter_title: c.chapterTitle,
    anchor: c.anchor,
    heading: c.heading,
    heading_path: c.headingPath,
    seq: c.seq,
    text: c.text,
    search_text: `${c.headingPath}\n${c.text}`,
    section_text: c.sectionText,
    vector: Array.from(vector),
  };
}

/** Rows read back from LanceDB carry Arrow vectors; normalise them to plain rows for re-insertion. */
export function fromRecord(r: Record<string, unknown>): ChunkRow {
  return {
    id: String(r.id),
    file: String(r.file),
    chapter_title: String(r.chapter_title),
    anchor: String(r.anchor),
    heading: String(r.heading),
    heading_path: String(r.heading_path),
    seq: Number(r.seq),
    text: String(r.text),
    search_text: String(r.search_text),
    section_text: String(r.section_text),
    vector: Array.from(r.vector as Iterable<number>),
  };
}

export async function createFtsIndexes(table: lancedb.Table): Promise<void> {
  // A fresh config per index: LanceDB consumes the Index object. Stemming + stop words: questions are phrased
  // differently from the text ("discounting" vs "discount").
  for (const col of FTS_COLUMNS) {
    await table.createIndex(col, {
      config: lancedb.Index.fts({ stem: true, language: 'English', removeStopWords: true, lowercase: true }),
    });
  }
}

/** SQL string literal for LanceDB filters. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

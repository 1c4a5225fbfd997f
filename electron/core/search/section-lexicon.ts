/**
 * Word statistics of a book's sections, built in memory when an index is opened: which words and stems each section
 * (heading path and body) contains, where they occur, and how rare each stem is in the book. The reranker uses them for
 * signals BM25 over chunks cannot see: how much of the question the whole section covers, and whether question words
 * that belong together also stand together.
 */
import { stemmer } from 'stemmer';
import type { ChunkMeta } from './book-index.js';
import type { WordVectors } from './word-vectors.js';

export interface SectionWords {
  /** Rows in the word vectors of the distinct rarer words of the heading path and body, for matching by meaning. */
  vectorRows: Int32Array;
  /** Stem ids of the heading path and body, in reading order. */
  positions: Map<string, number[]>;
}

export interface SectionLexicon {
  sections: Map<string, SectionWords>;
  idf(stem: string): number;
}

const stemCache = new Map<string, string>();

export const lowerWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function stemOf(w: string): string {
  let s = stemCache.get(w);
  if (s === undefined) {
    s = stemmer(w);
    if (stemCache.size < 200_000) stemCache.set(w, s);
  }
  return s;
}

/**
 * Words in more than about a third of the book's sections ("the", "what", "use") are not matched by meaning, on
 * either side: they add almost nothing (measured: no change in ranking), and the dot products are the costly part
 * of a query.
 */
export const RARE_IDF = 1;

export const sectionKey = (c: Pick<ChunkMeta, 'file' | 'anchor'>) => `${c.file}#${c.anchor}`;

/** `wv` is null before the word vectors exist (first launch): sections then have no vector rows. */
export function buildSectionLexicon(chunks: Iterable<ChunkMeta>, wv: WordVectors | null): SectionLexicon {
  const texts = new Map<string, { path: string; parts: string[] }>();
  for (const c of chunks) {
    const key = sectionKey(c);
    const cur = texts.get(key);
    if (cur) cur.parts.push(c.text);
    else texts.set(key, { path: c.heading_path, parts: [c.text] });
  }
  const df = new Map<string, number>();
  const parsed = [...texts].map(([key, t]) => {
    const words = lowerWords(`${t.path}\n${t.parts.join('\n')}`);
    const positions = new Map<string, number[]>();
    words.forEach((w, i) => {
      const s = stemOf(w);
      const list = positions.get(s);
      if (list) list.push(i);
      else positions.set(s, [i]);
    });
    for (const s of positions.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    return { key, words, positions };
  });
  const n = parsed.length;
  const idf = (s: string) => Math.log(1 + (n - (df.get(s) ?? 0) + 0.5) / ((df.get(s) ?? 0) + 0.5));
  /** Vector rows of the section's distinct rarer words (rarity needs every section's counts, so a second pass). */
  const vectorRows = (words: string[]) => {
    const rows = new Set<number>();
    if (wv) {
      for (const w of new Set(words)) {
        const r = wv.index.get(w);
        if (r !== undefined && idf(stemOf(w)) >= RARE_IDF) rows.add(r);
      }
    }
    return Int32Array.from(rows);
  };
  const sections = new Map(parsed.map(({ key, words, positions }) => [key, { vectorRows: vectorRows(words), positions }]));
  return { sections, idf };
}

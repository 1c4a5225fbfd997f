/**
 * Matching by meaning, word by word: a question word the section lacks still counts, in part, when the section
 * has a word close to it in the GloVe space ("terminal" for "end", "exploding" for "blowing"). Averaged sentence
 * vectors blur this away; the best match per word keeps it.
 */
import type { QueryTerms } from './rerank-signals.js';
import { RARE_IDF, type SectionWords } from './section-lexicon.js';
import { WORD_DIM, type WordVectors } from './word-vectors.js';

/** Cosine below this is treated as unrelated; above it counts linearly up to a full match at 1. */
const FLOOR = 0.45;

/** `data`'s row `row` scaled to unit length, into `into` at `at`. */
function unitRow(data: Float32Array, row: number, into: Float64Array, at: number): void {
  const off = row * WORD_DIM;
  let sq = 0;
  for (let d = 0; d < WORD_DIM; d++) sq += data[off + d]! * data[off + d]!;
  const inv = 1 / (Math.sqrt(sq) || 1);
  for (let d = 0; d < WORD_DIM; d++) into[at + d] = data[off + d]! * inv;
}

/** Cosine of every (word, question word) pair, as rows of `qRows.length` values per word. */
function cosines(data: Float32Array, wordRows: Int32Array, qRows: Int32Array): Float32Array {
  const n = qRows.length;
  // The question's unit vectors sit side by side in a small array that stays in cache; each word's row is read once.
  const qmat = new Float64Array(n * WORD_DIM);
  for (let i = 0; i < n; i++) unitRow(data, qRows[i]!, qmat, i * WORD_DIM);
  const word = new Float64Array(WORD_DIM);
  const out = new Float32Array(wordRows.length * n);
  for (let w = 0; w < wordRows.length; w++) {
    unitRow(data, wordRows[w]!, word, 0);
    for (let i = 0; i < n; i++) {
      const qo = i * WORD_DIM;
      let dot = 0;
      for (let d = 0; d < WORD_DIM; d++) dot += word[d]! * qmat[qo + d]!;
      out[w * n + i] = dot;
    }
  }
  return out;
}

/** Per section: share of the question's rarity covered by near words, for the words the section lacks. */
export function softCoverage(wv: WordVectors, q: QueryTerms, sections: SectionWords[]): number[] {
  const terms = q.terms.flatMap((t) => {
    const row = t.idf >= RARE_IDF ? wv.index.get(t.word) : undefined;
    return row === undefined ? [] : [{ ...t, row }];
  });
  const n = terms.length;
  if (n === 0 || q.total <= 0) return sections.map(() => 0);
  // Every distinct section word once: its slot in `sims`, then one tight pass of dot products.
  const slotOf = new Map<number, number>();
  const slots = sections.map((sec) => {
    const out = new Int32Array(sec.vectorRows.length);
    sec.vectorRows.forEach((row, i) => {
      let slot = slotOf.get(row);
      if (slot === undefined) slotOf.set(row, (slot = slotOf.size));
      out[i] = slot;
    });
    return out;
  });
  const sims = cosines(wv.data, Int32Array.from(slotOf.keys()), Int32Array.from(terms, (t) => t.row));
  const best = new Float32Array(n);
  return sections.map((sec, k) => {
    const missing = terms.map((t) => !sec.positions.has(t.stem));
    if (!missing.includes(true)) return 0;
    best.fill(0);
    for (const slot of slots[k]!) {
      const base = slot * n;
      for (let i = 0; i < n; i++) if (sims[base + i]! > best[i]!) best[i] = sims[base + i]!;
    }
    let covered = 0;
    for (let i = 0; i < n; i++) if (missing[i]) covered += terms[i]!.idf * Math.max(0, (best[i]! - FLOOR) / (1 - FLOOR));
    return covered / q.total;
  });
}

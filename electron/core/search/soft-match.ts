/**
 * Matching by meaning, word by word: a question word the section lacks still counts, in part, when the section
 * has a word close to it in the GloVe space ("terminal" for "end", "exploding" for "blowing"). Averaged sentence
 * vectors blur this away; the best match per word keeps it.
 */
import type { QueryTerms } from './rerank-signals.js';
import type { SectionWords } from './section-lexicon.js';
import { WORD_DIM, type WordVectors } from './word-vectors.js';

/** Cosine below this is treated as unrelated; above it counts linearly up to a full match at 1. */
const FLOOR = 0.45;
/**
 * Words in more than about a third of the book's sections ("the", "what", "use") are left out: they add almost
 * nothing to the share (measured: no change in ranking), and the dot products are the costly part of a query.
 */
const MIN_IDF = 1;

const normsOf = new WeakMap<WordVectors, Float32Array>();

/** Row lengths, computed once per vector set, so a cosine is one dot product and a division. */
function rowNorms(wv: WordVectors): Float32Array {
  let norms = normsOf.get(wv);
  if (norms) return norms;
  norms = new Float32Array(wv.data.length / WORD_DIM);
  for (let r = 0; r < norms.length; r++) {
    let s = 0;
    for (let d = r * WORD_DIM, end = d + WORD_DIM; d < end; d++) s += wv.data[d]! * wv.data[d]!;
    norms[r] = Math.sqrt(s) || 1;
  }
  normsOf.set(wv, norms);
  return norms;
}

/** Per section: share of the question's rarity covered by near words, for the words the section lacks. */
export function softCoverage(wv: WordVectors, q: QueryTerms, sections: SectionWords[]): number[] {
  const norms = rowNorms(wv);
  const terms = q.terms.flatMap((t) => {
    const row = t.idf >= MIN_IDF ? wv.index.get(t.word) : undefined;
    return row === undefined ? [] : [{ ...t, row }];
  });
  const n = terms.length;
  const data = wv.data;
  // Unit question vectors side by side, so each section word costs n dot products over one flat array.
  const qmat = new Float32Array(n * WORD_DIM);
  terms.forEach((t, i) => {
    for (let d = 0; d < WORD_DIM; d++) qmat[i * WORD_DIM + d] = data[t.row * WORD_DIM + d]! / norms[t.row]!;
  });
  // Cosines of each question word with each section word seen so far, filled on demand.
  const sims = new Map<number, Float32Array>();
  const simsOf = (row: number) => {
    let s = sims.get(row);
    if (s) return s;
    s = new Float32Array(n);
    const off = row * WORD_DIM;
    const inv = 1 / norms[row]!;
    for (let i = 0; i < n; i++) {
      const qo = i * WORD_DIM;
      let dot = 0;
      for (let d = 0; d < WORD_DIM; d++) dot += data[off + d]! * qmat[qo + d]!;
      s[i] = dot * inv;
    }
    sims.set(row, s);
    return s;
  };
  const best = new Float32Array(n);
  return sections.map((sec) => {
    if (q.total <= 0) return 0;
    const missing = terms.map((t) => !sec.positions.has(t.stem));
    if (!missing.includes(true)) return 0;
    best.fill(0);
    for (const row of sec.vectorRows) {
      const s = simsOf(row);
      for (let i = 0; i < n; i++) if (s[i]! > best[i]!) best[i] = s[i]!;
    }
    let covered = 0;
    for (let i = 0; i < n; i++) if (missing[i]) covered += terms[i]!.idf * Math.max(0, (best[i]! - FLOOR) / (1 - FLOOR));
    return covered / q.total;
  });
}

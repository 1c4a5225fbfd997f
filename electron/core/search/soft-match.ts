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

const unitCache = new WeakMap<WordVectors, Map<string, Float32Array | null>>();

function unit(wv: WordVectors, word: string): Float32Array | null {
  let cache = unitCache.get(wv);
  if (!cache) unitCache.set(wv, (cache = new Map()));
  let v = cache.get(word);
  if (v !== undefined) return v;
  const r = wv.index.get(word);
  if (r === undefined) v = null;
  else {
    v = wv.data.slice(r * WORD_DIM, (r + 1) * WORD_DIM);
    let n = 0;
    for (let d = 0; d < WORD_DIM; d++) n += v[d]! * v[d]!;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < WORD_DIM; d++) v[d]! /= n;
  }
  if (cache.size < 100_000) cache.set(word, v);
  return v;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < WORD_DIM; d++) s += a[d]! * b[d]!;
  return s;
}

/** Per section: share of the question's rarity covered by near words, for the words the section lacks. */
export function softCoverage(wv: WordVectors, q: QueryTerms, sections: SectionWords[]): number[] {
  const qv = q.terms.map((t) => unit(wv, t.word));
  const sims = new Map<string, number[]>();
  const simsOf = (w: string) => {
    let s = sims.get(w);
    if (!s) {
      const v = unit(wv, w);
      s = qv.map((x) => (x && v ? dot(x, v) : 0));
      sims.set(w, s);
    }
    return s;
  };
  return sections.map((sec) => {
    if (q.total <= 0) return 0;
    const best = q.terms.map(() => 0);
    const missing = q.terms.map((t, i) => !sec.positions.has(t.stem) && qv[i] !== null);
    if (!missing.some(Boolean)) return 0;
    for (const w of sec.words) {
      const s = simsOf(w);
      for (let i = 0; i < best.length; i++) if (missing[i] && s[i]! > best[i]!) best[i] = s[i]!;
    }
    let covered = 0;
    q.terms.forEach((t, i) => {
      if (missing[i]) covered += t.idf * Math.max(0, (best[i]! - FLOOR) / (1 - FLOOR));
    });
    return covered / q.total;
  });
}

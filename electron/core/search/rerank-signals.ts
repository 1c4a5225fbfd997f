/**
 * Query-time signals for one candidate section, each in [0, 1] and weighted by how rare each question word is:
 * - coverage: share of the question the whole section contains, however often (BM25 rewards repetition instead);
 * - proximity: share of neighbouring question-word pairs that also stand within a few words in the section.
 */
import { lowerWords, stemOf, type SectionLexicon, type SectionWords } from './section-lexicon.js';

export interface RerankSignals {
  coverage: number;
  proximity: number;
}

const NEAR = 3;

export interface QueryTerms {
  /** Distinct stems with their rarity. */
  terms: { stem: string; word: string; idf: number }[];
  /** Neighbouring stems in question order. */
  pairs: { a: string; b: string; idf: number }[];
  total: number;
  pairTotal: number;
}

export function queryTerms(lex: SectionLexicon, question: string): QueryTerms {
  const words = lowerWords(question);
  const seq = words.map(stemOf);
  const seen = new Map<string, { stem: string; word: string; idf: number }>();
  seq.forEach((stem, i) => {
    if (!seen.has(stem)) seen.set(stem, { stem, word: words[i]!, idf: lex.idf(stem) });
  });
  const terms = [...seen.values()];
  const pairs: QueryTerms['pairs'] = [];
  for (let i = 1; i < seq.length; i++) {
    const a = seq[i - 1]!;
    const b = seq[i]!;
    if (a !== b) pairs.push({ a, b, idf: Math.min(seen.get(a)!.idf, seen.get(b)!.idf) });
  }
  return {
    terms,
    pairs,
    total: terms.reduce((s, t) => s + t.idf, 0),
    pairTotal: pairs.reduce((s, p) => s + p.idf, 0),
  };
}

/** Smallest distance between two sorted position lists. */
function closest(xs: number[], ys: number[]): number {
  let i = 0;
  let j = 0;
  let best = Infinity;
  while (i < xs.length && j < ys.length) {
    best = Math.min(best, Math.abs(xs[i]! - ys[j]!));
    if (xs[i]! < ys[j]!) i++;
    else j++;
  }
  return best;
}

export function rerankSignals(q: QueryTerms, section: SectionWords): RerankSignals {
  let coverage = 0;
  for (const t of q.terms) {
    if (section.positions.has(t.stem)) coverage += t.idf;
  }
  let proximity = 0;
  for (const p of q.pairs) {
    const xs = section.positions.get(p.a);
    const ys = section.positions.get(p.b);
    if (xs && ys && closest(xs, ys) <= NEAR) proximity += p.idf;
  }
  return {
    coverage: q.total > 0 ? coverage / q.total : 0,
    proximity: q.pairTotal > 0 ? proximity / q.pairTotal : 0,
  };
}

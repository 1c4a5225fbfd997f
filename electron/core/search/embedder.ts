/**
 * The one interface every embedder sits behind. `id` and `dim` are stored with each book's index: when either
 * changes, the index is rebuilt rather than mixing vectors from two models.
 */
export interface Embedder {
  readonly id: string;
  readonly dim: number;
  /** Unit-length vectors, one per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

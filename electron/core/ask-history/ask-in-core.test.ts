/**
 * Ask history through the engine's own methods: an offline question asked with a thread id is kept with its
 * answer and the passages the real index found (their selectors found in the chapter), and the thread rules hold
 * before any search runs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CraftedBooks } from '../../../tests/fixtures/crafted-book.js';
import type { EventName } from '../contract.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';

const books = new CraftedBooks();
let data: string;
let core: ReaderCore;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'reader-ask-core-'));
  core = createReaderCore({ dataDir: data, indexOnImport: false });
});
afterEach(async () => {
  await core.close();
  rmSync(data, { recursive: true, force: true });
  books.cleanup();
});

it('keeps an offline question asked in a thread, with cited passages anchored in their chapters', { timeout: 240_000 }, async () => {
  const dir = books.folder({
    'balance.md': '# Balance\n\nA walking robot keeps its balance by moving its centre of mass over the support polygon.\n\n## Ankle sensors\n\nForce sensors in the ankles drift as they warm up, so the robot zeroes them whenever a foot is lifted.\n',
    'vision.md': '# Vision\n\nStereo cameras estimate depth from the shift between two images.\n',
  });
  const other = books.folder({ 'other.md': '# Other\n\nSomething else entirely.\n' });
  const { bookId } = await core.importBook({ dir });
  const { bookId: otherBook } = await core.importBook({ dir: other });
  const seen: EventName[] = [];
  core.on('askThreadsChanged', () => seen.push('askThreadsChanged'));

  const threadId = randomUUID();
  const question = 'Why are the ankle force sensors zeroed?';
  // The first question builds the index; asked again once it is ready.
  let r = await core.ask({ bookId, question, threadId });
  for (let i = 0; r.passages.length === 0 && i < 600; i++) {
    await new Promise((res) => setTimeout(res, 200));
    r = await core.ask({ bookId, question, threadId });
  }
  expect(r.threadId).toBe(threadId);
  expect(r.passages.length).toBeGreaterThan(0);

  const thread = await core.getAskThread({ threadId });
  // Only the question that found passages is kept, once.
  expect(thread.messages).toHaveLength(1);
  expect(thread).toMatchObject({ bookId, title: question, messageCount: 1 });
  const [m] = thread.messages;
  expect(m!.citations).toHaveLength(r.passages.length);
  const ankles = m!.citations.find((c) => c.heading === 'Ankle sensors')!;
  expect(ankles.target).toMatchObject({ chapterId: 'balance', file: 'balance.md', sectionPath: ['Balance', 'Ankle sensors'] });
  expect(ankles.anchor).toMatchObject({ status: 'anchored', chapterId: 'balance', sectionAnchor: 'ankle-sensors' });
  expect(ankles.anchor!.exact).toMatch(/^Force sensors in the ankles drift/);
  expect(seen).toContain('askThreadsChanged');
  expect((await core.listAskThreads({ bookId })).map((t) => t.id)).toEqual([threadId]);

  // The thread belongs to its book; a deleted thread takes no more questions.
  await expect(core.ask({ bookId: otherBook, question: 'What else?', threadId })).rejects.toMatchObject({ code: 'invalid_input' });
  await core.deleteAskThread({ threadId });
  await expect(core.ask({ bookId, question, threadId })).rejects.toMatchObject({ code: 'not_found' });
  expect(await core.listAskThreads({ bookId })).toEqual([]);
});

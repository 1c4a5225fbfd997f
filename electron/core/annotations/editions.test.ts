/**
 * Highlights made in edition 1 of a fixture book, then edition 2 imported over it (a real import and re-import):
 * each case asserts the status, chapter and exact text where the highlight lands. The table printed at the end
 * (case -> status, score) is the one the closing note quotes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../contract.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { EDITION_1, EDITION_2, EDITION_CASES } from '../../../tests/fixtures/annotation-editions.js';
import { MIN_SCORE } from './anchoring.js';
import { chapterIdOf, chapterText, offsetIn, select, writeEdition } from './test-support/annotated-book.js';

let base: string;
let core: ReaderCore;
let bookId: string;
const idByCase = new Map<string, string>();
let listed: Annotation[] = [];
let changedEvents = 0;
let staleRightAfterImport = -1;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'reader-editions-'));
  const dir = join(base, 'book');
  writeEdition(dir, EDITION_1);
  core = createReaderCore({ dataDir: join(base, 'data'), indexOnImport: false });
  bookId = (await core.importBook({ dir })).bookId;
  for (const c of EDITION_CASES) {
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, c.file, c.words, c.at), color: 'yellow', note: `Note on: ${c.name}` });
    idByCase.set(c.name, a.id);
  }
  writeEdition(dir, EDITION_2);
  core.on('annotationsChanged', (e) => {
    if (e.bookId === bookId) changedEvents++;
  });
  await core.importBook({ dir });
  // Re-anchored by the import itself: every stored anchor already refers to the new chapter hashes.
  staleRightAfterImport = (
    core.store.db
      .prepare(
        `SELECT count(*) AS n FROM annotations a LEFT JOIN chapters c ON c.book_id = a.book_id AND c.id = a.anchor_chapter_id
         WHERE a.anchor_status != 'orphan' AND (c.content_hash IS NULL OR c.content_hash != a.anchored_hash)`,
      )
      .get() as { n: number }
  ).n;
  listed = await core.listAnnotations({ bookId });
}, 120_000);

afterAll(async () => {
  console.table(
    EDITION_CASES.map((c) => {
      const a = listed.find((x) => x.id === idByCase.get(c.name));
      return { case: c.name, status: a?.anchor.status, score: a?.anchor.score, lands: a?.anchor.chapterTitle ?? '(orphans)' };
    }),
  );
  await core.close();
  rmSync(base, { recursive: true, force: true });
});

describe('highlights follow a new edition of the book', () => {
  it('the import re-anchored all of them at once and said so', () => {
    expect(staleRightAfterImport).toBe(0);
    expect(changedEvents).toBeGreaterThanOrEqual(1);
    expect(listed).toHaveLength(EDITION_CASES.length);
  });

  for (const c of EDITION_CASES) {
    it(`${c.name}: ${c.lands ? `lands on "${c.lands.words}" in ${c.lands.file}` : 'is an orphan, still listed with its quote and note'}`, async () => {
      const a = listed.find((x) => x.id === idByCase.get(c.name))!;
      expect(a.note).toBe(`Note on: ${c.name}`);
      expect(a.target.quote.exact).toBe(c.words);
      if (!c.lands) {
        expect(a.anchor).toMatchObject({ status: 'orphan', chapterId: null, exact: '', score: 0 });
        return;
      }
      const chapterId = await chapterIdOf(core, bookId, c.lands.file);
      const text = await chapterText(core, bookId, chapterId);
      const start = offsetIn(text, c.lands.words, c.lands.at);
      expect(a.anchor.chapterId).toBe(chapterId);
      expect(a.anchor.exact).toBe(c.lands.words);
      expect([a.anchor.start, a.anchor.end]).toEqual([start, start + c.lands.words.length]);
      expect(a.anchor.score).toBeGreaterThanOrEqual(MIN_SCORE);
      expect(a.anchor.status).toBe(c.status);
    });
  }

  it('the reworded passage scores below an unchanged one; unchanged text is a perfect match', () => {
    const byName = (n: string) => listed.find((x) => x.id === idByCase.get(n))!.anchor;
    expect(byName('unchanged text').score).toBe(1);
    expect(byName('the passage reworded slightly').score).toBeLessThan(byName('a very short quote repeated many times').score);
  });

  it('orphans come last in reading order; the others follow the table of contents, then their place', async () => {
    expect(listed.at(-1)!.anchor.status).toBe('orphan');
    const order = (await core.getToc({ bookId })).map((t) => t.id);
    const placed = listed.filter((a) => a.anchor.status !== 'orphan').map((a) => [order.indexOf(a.anchor.chapterId!), a.anchor.start] as const);
    expect(placed).toEqual([...placed].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    expect(new Set(placed.map((p) => p[0])).size).toBe(3);
  });
});

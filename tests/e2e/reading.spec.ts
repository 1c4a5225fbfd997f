import { expect, test } from './support/fixtures.js';
import {
  currentTocEntry,
  expectChapter,
  expectSavedPosition,
  openChapterWith,
  openFirstBook,
  scrollFraction,
  shot,
  tocEntries,
  wheelTo,
} from './support/ui.js';

test('open a chapter, scroll, restart the app: the position is restored and offered on the library', async ({ reader }, testInfo) => {
  let page = reader.page;
  await openFirstBook(page);
  // A long chapter, so there is room to scroll.
  const chapter = await openChapterWith(page, ['table', 'pre code', 'h2 ~ h2 ~ h2']);
  await expect(currentTocEntry(page)).toHaveAttribute('data-chapter-id', chapter.id);

  const scrolled = await wheelTo(page, 0.45);
  expect(scrolled).toBeGreaterThan(0.4);
  await expectSavedPosition(page, scrolled);

  page = await reader.restart();
  const card = page.getByTestId('continue-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('continue-chapter')).toHaveText(chapter.title);
  await expect(card.getByTestId('continue-position')).toHaveText(`${Math.round(scrolled * 100)}% read`);
  await shot(page, testInfo, 'library-continue-reading');

  await card.getByTestId('continue-link').click();
  await expectChapter(page, chapter.id);
  await expect.poll(() => scrollFraction(page)).toBeCloseTo(scrolled, 1);
  expect(Math.abs((await scrollFraction(page)) - scrolled)).toBeLessThan(0.02);
});

test('previous and next move through the chapters in table-of-contents order', async ({ reader }) => {
  const { page } = reader;
  await openFirstBook(page);
  const toc = await tocEntries(page);
  await page.getByTestId('toc-entry').first().click();
  await expectChapter(page, toc[0]!.id);
  await expect(page.getByTestId('chapter-prev')).toHaveCount(0);

  await page.getByTestId('chapter-next').click();
  await expectChapter(page, toc[1]!.id);
  await expect(currentTocEntry(page)).toHaveAttribute('data-chapter-id', toc[1]!.id);
  await page.getByTestId('chapter-next').click();
  await expectChapter(page, toc[2]!.id);
  await page.getByTestId('chapter-prev').click();
  await expectChapter(page, toc[1]!.id);

  await page.getByTestId('toc-entry').last().click();
  await expectChapter(page, toc.at(-1)!.id);
  await expect(page.getByTestId('chapter-next')).toHaveCount(0);
});

test('leaving a chapter right after scrolling still saves where the reader was in it', async ({ reader }) => {
  const { page } = reader;
  await openFirstBook(page);
  const chapter = await openChapterWith(page, ['table', 'h2 ~ h2 ~ h2']);
  const toc = await tocEntries(page);
  const next = toc[toc.findIndex((e) => e.id === chapter.id) + 1];
  test.skip(!next, 'needs a following chapter');

  const scrolled = await wheelTo(page, 0.3);
  // Faster than the save debounce: the pending save must be flushed for this chapter, not the next one.
  await page.keyboard.press('j');
  await expectChapter(page, next!.id);
  await page.keyboard.press('k');
  await expectChapter(page, chapter.id);
  await expect.poll(() => scrollFraction(page)).toBeCloseTo(scrolled, 1);
});

import { expect, test } from './support/fixtures';
import { chapterHeading, expectSavedPosition, openChapterWith, openFirstBook, scrollFraction, shot, wheelTo } from './support/ui';

test('open a chapter, scroll, restart the app: the position is restored and offered on the library', async ({ reader }, testInfo) => {
  let page = reader.page;
  await openFirstBook(page);
  // A long chapter, so there is room to scroll.
  const title = await openChapterWith(page, ['table', 'pre code', 'h2 ~ h2 ~ h2']);
  await expect(page.getByTestId('toc').locator('[aria-current="page"]')).toHaveText(title);

  const scrolled = await wheelTo(page, 0.45);
  expect(scrolled).toBeGreaterThan(0.4);
  await expectSavedPosition(page, scrolled);

  page = await reader.restart();
  const card = page.getByTestId('continue-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('continue-chapter')).toHaveText(title);
  await expect(card.getByTestId('continue-position')).toHaveText(`${Math.round(scrolled * 100)}% read`);
  await shot(page, testInfo, 'library-continue-reading');

  await card.getByTestId('continue-link').click();
  await expect(chapterHeading(page)).toHaveText(title);
  await expect.poll(() => scrollFraction(page)).toBeCloseTo(scrolled, 1);
  expect(Math.abs((await scrollFraction(page)) - scrolled)).toBeLessThan(0.02);
});

test('previous and next move through the chapters in table-of-contents order', async ({ reader }) => {
  const { page } = reader;
  await openFirstBook(page);
  const toc = page.getByTestId('toc-entry');
  const titles = (await toc.allTextContents()).map((t) => t.trim());
  await toc.nth(0).click();
  await expect(chapterHeading(page)).toHaveText(titles[0]!);
  await expect(page.getByTestId('chapter-prev')).toHaveCount(0);

  await page.getByTestId('chapter-next').click();
  await expect(chapterHeading(page)).toHaveText(titles[1]!);
  await expect(page.getByTestId('toc').locator('[aria-current="page"]')).toHaveText(titles[1]!);
  await page.getByTestId('chapter-next').click();
  await expect(chapterHeading(page)).toHaveText(titles[2]!);
  await page.getByTestId('chapter-prev').click();
  await expect(chapterHeading(page)).toHaveText(titles[1]!);

  await toc.last().click();
  await expect(chapterHeading(page)).toHaveText(titles.at(-1)!);
  await expect(page.getByTestId('chapter-next')).toHaveCount(0);
});

import { expect, test } from './support/fixtures.js';
import { expectChapter, openChapterWith, openFirstBook, openPanel, scrollFraction, wheelTo } from './support/ui.js';

test('bookmark a place, jump back to it from another chapter, keep it across a restart, remove it', async ({ reader }) => {
  let page = reader.page;
  await openFirstBook(page);
  const chapter = await openChapterWith(page, ['table', 'h2 ~ h2 ~ h2']);
  await wheelTo(page, 0.5);
  const place = await scrollFraction(page);

  await page.keyboard.press('b');
  await expect(page.getByTestId('status')).toContainText('Bookmark added');
  await openPanel(page, 'bookmarks');
  const items = page.getByTestId('bookmark-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(chapter.title);

  // Elsewhere in the book, then back through the bookmark.
  await page.getByTestId('toc-entry').last().click();
  await expect(page.getByTestId('chapter')).not.toHaveAttribute('data-chapter-id', chapter.id);
  await items.first().getByTestId('bookmark-open').click();
  await expectChapter(page, chapter.id);
  // A bookmark lands on the section heading it was made under, so at or a little above the saved place.
  await expect.poll(() => scrollFraction(page)).toBeGreaterThan(place - 0.15);
  expect(await scrollFraction(page)).toBeLessThanOrEqual(place + 0.01);

  page = await reader.restart();
  await page.getByTestId('open-book').first().click();
  await openPanel(page, 'bookmarks');
  await expect(page.getByTestId('bookmark-item')).toHaveCount(1);
  await page.getByTestId('bookmark-remove').click();
  await expect(page.getByTestId('bookmark-item')).toHaveCount(0);
  await expect(page.getByTestId('status')).toContainText('Bookmark removed');
});

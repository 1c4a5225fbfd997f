import { expect, test } from './support/fixtures.js';
import { chapterHeading, expectChapter, tocEntries } from './support/ui.js';

test('the reader works from the keyboard alone', async ({ reader }) => {
  const { page } = reader;
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();

  // Skip link first, visible when focused, and it lands in <main>.
  await page.keyboard.press('Tab');
  const skip = page.getByTestId('skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // Into the book: Tab to its link and press Enter; focus lands on the chapter heading.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('open-book').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const heading = chapterHeading(page);
  await expect(heading).toBeFocused();
  const toc = (await tocEntries(page)).map((e) => e.id);
  await expectChapter(page, toc[0]!);

  // j / ArrowRight: next chapter; k / ArrowLeft: previous. Focus follows to the new heading.
  await page.keyboard.press('j');
  await expectChapter(page, toc[1]!);
  await expect(heading).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expectChapter(page, toc[2]!);
  await page.keyboard.press('k');
  await expectChapter(page, toc[1]!);
  await page.keyboard.press('ArrowLeft');
  await expectChapter(page, toc[0]!);

  // "/" opens search with the field focused; typing "j" there types, it does not turn the page.
  await page.keyboard.press('/');
  const search = page.getByTestId('search-input');
  await expect(search).toBeFocused();
  await page.keyboard.type('joint');
  await expect(search).toHaveValue('joint');
  await expectChapter(page, toc[0]!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  // Tab reaches the results; Enter opens one.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('search-result').first()).toBeFocused();

  // Escape closes the panel and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-panel')).toHaveCount(0);
  await expect(page.getByTestId('toolbar-search')).toBeFocused();

  // c hides and shows the table of contents.
  await page.keyboard.press('c');
  await expect(page.getByTestId('toc')).toBeHidden();
  await page.keyboard.press('c');
  await expect(page.getByTestId('toc')).toBeVisible();

  // Focus is always visible on interactive elements.
  await page.getByTestId('toolbar-settings').focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');
});

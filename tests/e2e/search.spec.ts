import { expect, test } from './support/fixtures.js';
import { currentTocEntry, openFirstBook } from './support/ui.js';

test('search the book, then jump to a match: the chapter opens scrolled to the highlighted term', async ({ reader }) => {
  const { page } = reader;
  await openFirstBook(page);
  const firstChapter = (await currentTocEntry(page).textContent())?.trim();

  await page.keyboard.press('/');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill('Jacobian');
  await input.press('Enter');

  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible();
  await expect(results.first().locator('mark').first()).toHaveText(/jacobian/i);
  // Jump to a result in another chapter than the one open.
  let target = results.first();
  for (const result of await results.all()) {
    if ((await result.locator('.result-title').textContent())?.trim() !== firstChapter) {
      target = result;
      break;
    }
  }
  const resultTitle = (await target.locator('.result-title').textContent())?.trim() ?? '';
  await target.click();

  await expect(currentTocEntry(page)).toHaveText(resultTitle);
  const hit = page.getByTestId('first-search-hit');
  await expect(hit).toHaveText(/^jacobian/i);
  await expect(hit).toBeInViewport();
  await expect(hit).toBeFocused();
  expect(await page.getByTestId('chapter').locator('mark.search-hit').count()).toBeGreaterThan(0);
});

test('a search with no match says so', async ({ reader }) => {
  const { page } = reader;
  await openFirstBook(page);
  await page.getByTestId('toolbar-search').click();
  await page.getByTestId('search-input').fill('zzqxjv');
  await page.getByTestId('search-submit').click();
  await expect(page.getByTestId('search-count')).toHaveText('No matches.');
  await expect(page.getByTestId('search-result')).toHaveCount(0);
});

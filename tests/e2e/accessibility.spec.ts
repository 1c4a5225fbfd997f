import { expect, test } from './support/fixtures.js';
import { expectNoSeriousA11yViolations, openChapterWith, openFirstBook, openPanel } from './support/ui.js';

test('axe-core finds no serious or critical violations on the library and chapter views, in every theme', async ({ reader }) => {
  const { page } = reader;
  await expectNoSeriousA11yViolations(page);

  await openFirstBook(page);
  await openChapterWith(page, ['pre code', 'math', 'table', '.admonition']);
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Table of contents' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();

  await openPanel(page, 'settings');
  for (const theme of ['light', 'dark', 'sepia'] as const) {
    await page.getByTestId(`theme-${theme}`).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expectNoSeriousA11yViolations(page);
  }
});

/**
 * Screenshots for review (test-results/screenshots): the library and a chapter with code, math, a table and an
 * admonition, in each theme. Each also checks the element it is meant to show is on screen.
 */
import { expect, test } from './support/fixtures.js';
import { openChapterWith, openFirstBook, shot } from './support/ui.js';

for (const theme of ['light', 'dark', 'sepia'] as const) {
  test(`screenshots in the ${theme} theme`, async ({ reader }, testInfo) => {
    const { page } = reader;
    await page.getByTestId('toolbar-settings').click();
    await page.getByTestId(`theme-${theme}`).check();
    await page.getByTestId('toolbar-settings').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shot(page, testInfo, `library-${theme}`);

    await openFirstBook(page);
    await openChapterWith(page, ['pre code .hljs-keyword', 'math', 'table', '.admonition']);
    await shot(page, testInfo, `chapter-top-${theme}`);
    for (const [name, selector] of [
      ['code', 'figure.code-block, pre'],
      ['math', 'math[display="block"]'],
      ['table', 'table'],
      ['admonition', '.admonition'],
    ] as const) {
      const el = page.getByTestId('chapter').locator(selector).first();
      await el.scrollIntoViewIfNeeded();
      await expect(el).toBeInViewport();
      await shot(page, testInfo, `chapter-${name}-${theme}`);
    }
  });
}

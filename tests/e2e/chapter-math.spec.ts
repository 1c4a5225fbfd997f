/**
 * Chapter maths in the real page: laid out with no inline-style allowance in the CSP, and unable to paint over
 * the reader's own controls however big or far shifted an author makes it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { expectChapter } from './support/ui.js';

const MATHS = '# Maths\n\nThe gain is $k^2$ and\n\n$$\nx = \\frac{a + b}{\\sqrt{c}}\n$$\n\nafter the formula.\n';
// A black box raised above its line, shifted left and wider than the window, inline (display maths scrolls in its
// own box): unbounded and uncontained it covers what the page shows above the chapter (the personalize bar).
const HOSTILE = '# Hostile\n\nText $\\kern{-30em}\\raisebox{4em}{\\rule{100em}{12em}}$ and more text.\n';

async function importMathsBook(page: Page, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'maths-book');
  await mkdir(dir);
  await writeFile(join(dir, '01-maths.md'), MATHS);
  await writeFile(join(dir, '02-hostile.md'), HOSTILE);
  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('2 chapters');
  await page.getByTestId('book-card').filter({ hasNotText: 'Included with the app' }).getByTestId('open-book').click();
  await expect(page.getByTestId('toc-entry')).toHaveText(['Maths', 'Hostile']);
}

async function chapterShown(page: Page, id: string): Promise<void> {
  await expectChapter(page, id);
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
}

/** True when the element hit at the centre of `testId` is that control (or inside it). */
function controlOnTop(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit);
  });
}

test('a hostile chapter’s maths covers none of the reader’s controls', async ({ reader }) => {
  const { page } = reader;
  await importMathsBook(page, reader.dataDir);
  await chapterShown(page, '01-maths');
  await page.getByTestId('chapter-next').click();
  await chapterShown(page, '02-hostile');
  await expect(page.getByTestId('chapter').locator('math')).toHaveCount(1);
  for (const control of ['toolbar-contents', 'toolbar-bookmark-add', 'nav-library', 'personalize-signin']) {
    expect(await controlOnTop(page, control), `${control} is on top`).toBe(true);
  }
});

test('maths is laid out under a CSP with no inline styles, and nothing is blocked', async ({ reader }) => {
  const { page } = reader;
  const response = await page.reload();
  const csp = (await response?.headerValue('content-security-policy')) ?? '';
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  await page.getByTestId('library').waitFor();
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.sample}`));
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  });

  await importMathsBook(page, reader.dataDir);
  // The book opens on its first chapter; the table of contents beside it indents entries through React style
  // props (CSSOM, which the CSP allows).
  await chapterShown(page, '01-maths');
  const fraction = page.getByTestId('chapter').locator('mfrac');
  await expect(fraction).toHaveCount(1);
  const [numerator, denominator] = await fraction.evaluate((el) =>
    Array.from(el.children, (c) => {
      const r = c.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height };
    }),
  );
  expect(numerator!.height).toBeGreaterThan(0);
  expect(numerator!.bottom).toBeLessThanOrEqual(denominator!.top + 1);
  const sqrt = await page.getByTestId('chapter').locator('msqrt').boundingBox();
  expect(sqrt?.height ?? 0).toBeGreaterThan(0);

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

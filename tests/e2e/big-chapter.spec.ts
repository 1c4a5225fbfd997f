import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { expectChapter, expectSavedPosition, scrollFraction, wheelTo } from './support/ui.js';

// A d2l-like chapter: many sections, each with prose, a table and code, far more markup than the reader puts in
// at once (it fills a big chapter progressively), so landing and saving must wait for the whole chapter.
const SECTIONS = 120;
const DEEP = 97;

function bigChapter(): string {
  const parts = ['# Big Chapter\n'];
  for (let i = 1; i <= SECTIONS; i++) {
    const special = i === DEEP ? ' The flutterbrake damps the wrist joint before each grasp.' : '';
    parts.push(
      `## Section ${i} Joint Limits\n`,
      `Paragraph one of section ${i} describes how a robot arm moves between poses and why limits matter.${special}\n`,
      `Paragraph two of section ${i} compares controllers, with numbers, trade-offs and a short worked example.\n`,
      '| joint | min | max |\n|---|---|---|\n' + [1, 2, 3, 4].map((j) => `| j${j} | -${i + j} | ${i * j} |`).join('\n') + '\n',
      '```python\n' + [1, 2, 3].map((j) => `limit_${i}_${j} = clamp(angle_${j}, low=${-j}, high=${j})`).join('\n') + '\n```\n',
    );
  }
  return parts.join('\n');
}

async function importBigBook(page: Page, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'big-book');
  await mkdir(dir);
  await writeFile(join(dir, '01-big.md'), bigChapter());
  await writeFile(join(dir, '02-after.md'), `# After\n\nSee [the deep section](01-big.md#section-${DEEP}-joint-limits) again.\n`);
  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('2 chapters');
  await page.getByTestId('book-card').filter({ hasNotText: 'Included with the app' }).getByTestId('open-book').click();
  await expect(page.getByTestId('toc-entry')).toHaveText(['Big Chapter', 'After']);
}

function chapterIds(page: Page): Promise<string[]> {
  return page.getByTestId('toc-entry').evaluateAll((links) => links.map((a) => a.getAttribute('data-chapter-id') ?? ''));
}

/** The chapter shown is complete: all its sections are in the page. */
async function expectWholeChapter(page: Page): Promise<void> {
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('chapter').locator('.chapter-body h2')).toHaveCount(SECTIONS);
}

/** Records every value the chapter article's aria-busy had before it changed (from here on). */
async function watchBusy(page: Page): Promise<() => Promise<(string | null)[]>> {
  await page.evaluate(() => {
    const seen: (string | null)[] = [];
    Object.assign(window, { busySeen: seen });
    new MutationObserver((records) => {
      for (const r of records) if ((r.target as Element).matches('[data-testid="chapter"]')) seen.push(r.oldValue);
    }).observe(document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['aria-busy'] });
  });
  return () => page.evaluate(() => (window as unknown as { busySeen: (string | null)[] }).busySeen);
}

test('a big chapter: opened at its top it fills progressively; its position restores after leaving it and after a restart', async ({ reader }) => {
  let page = reader.page;
  await importBigBook(page, reader.dataDir);
  const [big, after] = await chapterIds(page);
  await page.getByTestId('toc-entry').last().click();
  await expectChapter(page, after!);
  const busySeen = await watchBusy(page);
  await page.getByTestId('toc-entry').first().click();
  await expectChapter(page, big!);
  await expectWholeChapter(page);
  // It was partial (busy) for a while, then complete.
  expect(await busySeen()).toContain('true');

  const scrolled = await wheelTo(page, 0.6);
  expect(scrolled).toBeGreaterThan(0.55);
  await expectSavedPosition(page, scrolled);

  await page.getByTestId('toc-entry').last().click();
  await expectChapter(page, after!);
  await page.getByTestId('toc-entry').first().click();
  await expectChapter(page, big!);
  await expectWholeChapter(page);
  await expect.poll(() => scrollFraction(page)).toBeCloseTo(scrolled, 2);

  // Reopening must not have saved a partial chapter's position over the real one.
  page = await reader.restart();
  await page.getByTestId('continue-link').click();
  await expectChapter(page, big!);
  await expectWholeChapter(page);
  await expect.poll(() => scrollFraction(page)).toBeCloseTo(scrolled, 2);
});

test('a big chapter: a link to a deep section and a search hit land on that passage', async ({ reader }) => {
  const { page } = reader;
  await importBigBook(page, reader.dataDir);
  const [big, after] = await chapterIds(page);
  await page.getByTestId('toc-entry').last().click();
  await expectChapter(page, after!);

  await page.getByTestId('chapter').getByRole('link', { name: 'the deep section' }).click();
  await expectChapter(page, big!);
  await expectWholeChapter(page);
  const heading = page.getByRole('heading', { level: 2, name: `Section ${DEEP} Joint Limits` });
  await expect(heading).toBeInViewport();
  const top = await heading.evaluate((h) => h.getBoundingClientRect().top - document.getElementById('main-content')!.getBoundingClientRect().top);
  expect(Math.abs(top)).toBeLessThan(80);

  // Leave, then come back through a search hit deep in the chapter (its top would be the wrong place).
  await page.getByTestId('toc-entry').last().click();
  await expectChapter(page, after!);
  await page.keyboard.press('/');
  const input = page.getByTestId('search-input');
  await input.fill('flutterbrake');
  await input.press('Enter');
  await expect(page.getByTestId('search-result').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('search-result').first().click();
  await expectChapter(page, big!);
  await expectWholeChapter(page);
  const hit = page.getByTestId('first-search-hit');
  await expect(hit).toHaveText(/^flutterbrake/i);
  await expect(hit).toBeInViewport();
  await expect(hit).toBeFocused();
});

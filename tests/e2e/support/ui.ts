/** Steps the specs share: opening the bundled book and chapters, scrolling the chapter, screenshots, axe. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

export async function openFirstBook(page: Page): Promise<void> {
  await page.getByTestId('open-book').first().click();
  await expect(page.getByTestId('chapter')).toBeVisible();
}

export function chapterHeading(page: Page) {
  return page.getByTestId('chapter').locator('h1').first();
}

/** The chapter shown is `id` (the article carries its id). */
export async function expectChapter(page: Page, id: string): Promise<void> {
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-chapter-id', id);
}

/** Table of contents entries in reading order: chapter id and the title shown. */
export async function tocEntries(page: Page): Promise<{ id: string; title: string }[]> {
  return page.getByTestId('toc-entry').evaluateAll((links) =>
    links.map((a) => ({ id: a.getAttribute('data-chapter-id') ?? '', title: a.textContent?.trim() ?? '' })),
  );
}

export function currentTocEntry(page: Page) {
  return page.getByTestId('toc').locator('[aria-current="page"]');
}

/** Opens, from the table of contents, the first chapter whose HTML contains every selector. */
export async function openChapterWith(page: Page, selectors: string[]): Promise<{ id: string; title: string }> {
  for (const entry of await tocEntries(page)) {
    await page.locator(`[data-testid="toc-entry"][data-chapter-id="${entry.id}"]`).click();
    await expectChapter(page, entry.id);
    const found = await Promise.all(selectors.map((s) => page.getByTestId('chapter').locator(s).count()));
    if (found.every((n) => n > 0)) return entry;
  }
  throw new Error(`No chapter contains all of ${selectors.join(', ')}`);
}

/** Fraction of the chapter scrolled, as the reader computes it. */
export async function scrollFraction(page: Page): Promise<number> {
  return page.locator('#main-content').evaluate((el) => {
    const max = el.scrollHeight - el.clientHeight;
    return max > 0 ? el.scrollTop / max : 0;
  });
}

/** Scrolls the chapter with the mouse wheel, as a reader would, until at least `target` of it is above. */
export async function wheelTo(page: Page, target: number): Promise<number> {
  const box = await page.locator('#main-content').boundingBox();
  if (!box) throw new Error('chapter not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 200 && (await scrollFraction(page)) < target; i++) await page.mouse.wheel(0, 400);
  return scrollFraction(page);
}

/** Waits until the reader reports it saved (about) this position. */
export async function expectSavedPosition(page: Page, fraction: number): Promise<void> {
  await expect
    .poll(async () => Number(await page.getByTestId('chapter').getAttribute('data-saved-position')))
    .toBeCloseTo(fraction, 2);
}

export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** axe-core over the whole page (WCAG 2.1 A/AA rules): no serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(report, report.join('\n')).toEqual([]);
}

export async function openPanel(page: Page, id: string): Promise<void> {
  const button = page.getByTestId(`toolbar-${id}`);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.getByTestId(`${id}-panel`)).toBeVisible();
}

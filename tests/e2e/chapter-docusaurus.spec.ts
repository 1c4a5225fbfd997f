/**
 * Docusaurus features in the real chapter view: Tabs are real tabs (one panel at a time, arrow keys, the default
 * first, groups with the same groupId switching together) and theme-specific images show only for their theme.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { expectChapter } from './support/ui.js';

// A 1x1 PNG: the images only need to load.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const CHAPTER = `# Setting up

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
import ThemedImage from '@theme/ThemedImage';

<Tabs groupId="os">
<TabItem value="linux" label="Linux">

Install with apt on Linux.

</TabItem>
<TabItem value="mac" label="macOS" default>

Install with brew on macOS.

</TabItem>
</Tabs>

Later the same choice again:

<Tabs groupId="os">
<TabItem value="linux" label="Linux">

Start the robot service on Linux.

</TabItem>
<TabItem value="mac" label="macOS">

Start the robot service on macOS.

</TabItem>
</Tabs>

<ThemedImage alt="Wiring" sources={{ light: '/img/wiring-day.png', dark: '/img/wiring-night.png' }} />

![Logo](./logo-light.png#gh-light-mode-only)
![Logo](./logo-dark.png#gh-dark-mode-only)

Read the [motor datasheet](./datasheet.pdf) and the [old notes](./notes-gone.md).
`;

async function importBook(page: Page, dataDir: string): Promise<void> {
  const dir = join(dataDir, 'setup-book');
  await mkdir(join(dir, 'static/img'), { recursive: true });
  await writeFile(join(dir, '01-setup.mdx'), CHAPTER);
  await writeFile(join(dir, 'datasheet.pdf'), '%PDF-1.4\n% a stand-in\n');
  for (const f of ['static/img/wiring-day.png', 'static/img/wiring-night.png', 'logo-light.png', 'logo-dark.png']) await writeFile(join(dir, f), PNG);
  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('1 chapter');
  await page.getByTestId('book-card').filter({ hasNotText: 'Included with the app' }).getByTestId('open-book').click();
  await expectChapter(page, '01-setup');
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
}

test('tabs show one panel at a time, honour the default, follow arrow keys and switch every group of their groupId', async ({ reader }) => {
  const { page } = reader;
  await importBook(page, reader.dataDir);
  const chapter = page.getByTestId('chapter');
  const lists = chapter.getByRole('tablist');
  await expect(lists).toHaveCount(2);
  const first = lists.nth(0);
  const second = lists.nth(1);
  await expect(first.getByRole('tab')).toHaveText(['Linux', 'macOS']);

  // The author's default (macOS) is shown first; the other group follows no default of its own: its first tab.
  await expect(first.getByRole('tab', { name: 'macOS' })).toHaveAttribute('aria-selected', 'true');
  await expect(chapter.getByText('Install with brew on macOS.')).toBeVisible();
  await expect(chapter.getByText('Install with apt on Linux.')).toBeHidden();
  await expect(chapter.getByRole('tabpanel')).toHaveCount(2);

  // Choosing Linux in the first group switches the second too.
  await first.getByRole('tab', { name: 'Linux' }).click();
  await expect(chapter.getByText('Install with apt on Linux.')).toBeVisible();
  await expect(chapter.getByText('Start the robot service on Linux.')).toBeVisible();
  await expect(chapter.getByText('Start the robot service on macOS.')).toBeHidden();
  await expect(second.getByRole('tab', { name: 'Linux' })).toHaveAttribute('aria-selected', 'true');

  // Arrow keys move between tabs (and choose them), here from the second group.
  await second.getByRole('tab', { name: 'Linux' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(second.getByRole('tab', { name: 'macOS' })).toBeFocused();
  await expect(chapter.getByText('Start the robot service on macOS.')).toBeVisible();
  await expect(chapter.getByText('Install with brew on macOS.')).toBeVisible();
  const panel = chapter.getByRole('tabpanel', { name: 'macOS' }).first();
  await expect(panel).toBeVisible();
});

test('theme-specific images show only for the theme the reader uses', async ({ reader }) => {
  const { page } = reader;
  await importBook(page, reader.dataDir);
  const chapter = page.getByTestId('chapter');
  const shown = async () =>
    chapter.locator('img').evaluateAll((imgs) =>
      imgs.filter((i) => (i as HTMLImageElement).checkVisibility()).map((i) => decodeURIComponent((i as HTMLImageElement).src.split('/').at(-1)!)),
    );
  await expect(chapter.locator('img')).toHaveCount(4);
  await expect.poll(shown).toEqual(['wiring-day.png', 'logo-light.png']);
  // The default theme follows the system: switch the system to dark.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(shown).toEqual(['wiring-night.png', 'logo-dark.png']);
});

test('a book file that is no page downloads; a link to nothing is plain text that says so', async ({ reader }) => {
  const { page } = reader;
  await importBook(page, reader.dataDir);
  const chapter = page.getByTestId('chapter');
  const url = page.url();
  const [download] = await Promise.all([page.waitForEvent('download'), chapter.getByRole('link', { name: 'motor datasheet' }).click()]);
  expect(download.suggestedFilename()).toBe('datasheet.pdf');
  expect(page.url()).toBe(url);
  await expect(chapter.getByRole('link', { name: 'old notes' })).toHaveCount(0);
  await expect(chapter.getByText('old notes')).toHaveAttribute('title', /leads to nothing in this book/);
});

// A site whose config turns mermaid on (`markdown.mermaid`, read by the planner): the real import, the real page,
// the real CSP.
test('mermaid diagrams are drawn offline, as a sanitized image, under the app CSP', async ({ reader }) => {
  const { page } = reader;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(page.url()).origin) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  const dir = join(reader.dataDir, 'flow-site');
  await mkdir(join(dir, 'docs'), { recursive: true });
  await writeFile(join(dir, 'docusaurus.config.js'), "module.exports = { title: 'Flow course', markdown: { mermaid: true } };\n");
  await writeFile(join(dir, 'docs/flow.md'), '# Flow\n\n```mermaid\ngraph LR\n  Sense --> Plan --> Act\n```\n\n```mermaid\nthis is not a diagram\n```\n');
  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('1 chapter');
  await page.getByTestId('book-card').filter({ hasText: 'Flow course' }).getByTestId('open-book').click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
  const diagram = page.getByTestId('chapter').locator('.mermaid-diagram').first();
  await expect(diagram).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
  const img = diagram.locator('img.mermaid-image');
  await expect(img).toBeVisible();
  await expect(diagram.locator('pre')).toBeHidden();
  const drawn = await img.evaluate((el) => ({ w: (el as HTMLImageElement).naturalWidth, src: (el as HTMLImageElement).src }));
  expect(drawn.w).toBeGreaterThan(50);
  const svg = decodeURIComponent(drawn.src.slice(drawn.src.indexOf(',') + 1));
  expect(svg).toContain('Sense');
  expect(svg).not.toMatch(/<script|onload=|javascript:/i);
  // Drawn again in the dark theme's colours when the reader's theme changes.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(diagram).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).src)).not.toBe(drawn.src);
  await expect(diagram.locator('img')).toHaveCount(1);
  // A block mermaid cannot read stays as code.
  const broken = page.getByTestId('chapter').locator('.mermaid-diagram').nth(1);
  await expect(broken).toHaveAttribute('data-drawn', 'failed');
  await expect(broken.locator('pre')).toBeVisible();
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

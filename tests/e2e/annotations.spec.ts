/**
 * Highlights and notes end to end, on the real engine: a small three-chapter book written for the anchoring tests
 * (tests/fixtures/annotation-editions.ts) is imported from a folder in the test's data dir, highlighted, changed in
 * place to its second edition and imported again. Selections are made in the page with the DOM's Range API, as a
 * mouse drag or caret browsing would make them; everything after that is the reader's clicks and keys.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { EDITION_1, EDITION_2 } from '../fixtures/annotation-editions.js';
import { expect, test } from './support/fixtures.js';
import { expectNoSeriousA11yViolations, openPanel } from './support/ui.js';

const MOVED = 'Keep one hand near the emergency stop while the arm homes.';
const DELETED = 'A wrong zero makes every later pose wrong by the same angle.';
const REWORDED = 'Run the homing routine and write the offsets to the controller.';
const SAFETY = 'Never reach inside the fence while the arm is powered.';

async function writeEdition(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** Imports (or re-imports) the folder from the library page and opens the book. */
async function importAndOpen(page: Page, dir: string): Promise<void> {
  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('3 chapters');
  await page.getByTestId('book-card').filter({ hasNotText: 'Included with the app' }).getByTestId('open-book').click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
}

async function openChapter(page: Page, title: string): Promise<void> {
  await page.getByTestId('toc-entry').filter({ hasText: title }).click();
  await expect(page.getByTestId('chapter').locator('h1').first()).toHaveText(title);
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
}

/** Selects `phrase` in the chapter body (it may cross elements), as dragging over it would. */
async function select(page: Page, phrase: string): Promise<void> {
  const found = await page.evaluate((p) => {
    const body = document.querySelector('.chapter-body')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const text = nodes.map((n) => n.data).join('');
    const start = text.indexOf(p);
    if (start < 0) return false;
    const at = (offset: number): [Text, number] => {
      let base = 0;
      for (const n of nodes) {
        if (offset <= base + n.data.length) return [n, offset - base];
        base += n.data.length;
      }
      throw new Error('offset out of range');
    };
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(start + p.length));
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return true;
  }, phrase);
  expect(found, phrase).toBe(true);
}

function marks(page: Page, id?: string) {
  return page.getByTestId('chapter').locator(id ? `mark.annotation[data-annotation-id="${id}"]` : 'mark.annotation');
}

const firstMarkIds = (page: Page) =>
  page.getByTestId('chapter').locator('mark.annotation[data-first]').evaluateAll((ms) => ms.map((m) => m.getAttribute('data-annotation-id') ?? ''));

/** Highlights the phrase with the toolbar; returns the new highlight's id. */
async function highlight(page: Page, phrase: string, color = 'yellow'): Promise<string> {
  const before = await firstMarkIds(page);
  await select(page, phrase);
  await page.getByTestId(`highlight-${color}`).click();
  await expect.poll(async () => (await firstMarkIds(page)).length).toBe(before.length + 1);
  const id = (await firstMarkIds(page)).find((x) => !before.includes(x))!;
  await expect(marks(page, id)).toHaveText([phrase]);
  return id;
}

async function writeNote(page: Page, id: string, note: string): Promise<void> {
  await marks(page, id).first().click();
  await expect(page.getByTestId('highlight-popover')).toBeVisible();
  await page.getByTestId('popover-note-input').fill(note);
  await page.getByTestId('popover-note-save').click();
  await expect(page.getByTestId('popover-note')).toBeVisible();
}

/** The highlight that has the keyboard focus. */
const focusedHighlight = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('mark.annotation')?.getAttribute('data-annotation-id') ?? null);

test('a highlight with a note survives a restart, and the Notes panel lists it', async ({ reader }) => {
  let page = reader.page;
  const dir = join(reader.dataDir, 'arm-book');
  await writeEdition(dir, EDITION_1);
  await importAndOpen(page, dir);
  await openChapter(page, 'Safety');
  const id = await highlight(page, SAFETY, 'green');
  await writeNote(page, id, 'Check the **fence** lock first.');
  await expect(page.getByTestId('popover-note').locator('strong')).toHaveText('fence');
  await page.keyboard.press('Escape');

  page = await reader.restart();
  await page.getByTestId('book-card').filter({ hasNotText: 'Included with the app' }).getByTestId('open-book').click();
  await openChapter(page, 'Safety');
  await expect(marks(page, id)).toHaveText([SAFETY]);
  await expect(marks(page, id).first()).toHaveAttribute('data-color', 'green');
  await expect(marks(page, id).first()).toHaveAttribute('data-note', 'true');
  await openPanel(page, 'notes');
  const item = page.getByTestId('note-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(SAFETY);
  await expect(item.locator('.note-html strong')).toHaveText('fence');
});

test('after a second edition is imported, highlights follow their text; the deleted one is an orphan to re-attach', async ({ reader }) => {
  const { page } = reader;
  const dir = join(reader.dataDir, 'arm-book');
  await writeEdition(dir, EDITION_1);
  await importAndOpen(page, dir);
  await openChapter(page, 'Calibration');
  const moved = await highlight(page, MOVED);
  const deleted = await highlight(page, DELETED, 'pink');
  await writeNote(page, deleted, 'Why every pose is off');
  await page.keyboard.press('Escape');
  const reworded = await highlight(page, REWORDED, 'blue');

  // The course publishes a corrected edition: the folder changes in place and is imported again.
  await writeEdition(dir, EDITION_2);
  await page.getByTestId('nav-library').click();
  await importAndOpen(page, dir);
  await openPanel(page, 'notes');
  const panel = page.getByTestId('notes-panel');
  await expect(panel.getByRole('region', { name: 'Safety' }).getByTestId('note-item')).toContainText(MOVED);
  const calibration = panel.getByRole('region', { name: 'Calibration' }).getByTestId('note-item');
  await expect(calibration).toHaveCount(1);
  await expect(calibration).toContainText('Run the homing routine and save the offsets in the controller.');
  await expect(calibration.getByTestId('note-review')).toBeVisible();
  const orphans = panel.getByTestId('orphan-item');
  await expect(orphans).toHaveCount(1);
  await expect(orphans).toContainText(DELETED);
  await expect(orphans).toContainText('Why every pose is off');

  // The moved highlight opens in its new chapter, scrolled to and focused.
  await panel.getByTestId('note-open').filter({ hasText: MOVED }).click();
  await expect(page.getByTestId('chapter').locator('h1').first()).toHaveText('Safety');
  await expect.poll(() => focusedHighlight(page)).toBe(moved);
  await expect(marks(page, moved).first()).toBeInViewport();
  // The reworded one is marked for review in the chapter too.
  await openChapter(page, 'Calibration');
  await expect(marks(page, reworded).first()).toHaveAttribute('data-review', 'true');

  // Re-attach the orphan to new text: select it, then "Attach here".
  await openPanel(page, 'notes');
  await orphans.getByTestId('orphan-reattach').click();
  await expect(page.getByTestId('reattach-bar')).toBeVisible();
  await select(page, 'The encoder reports ticks, not angles.');
  await page.getByTestId('reattach-here').click();
  await expect(marks(page, deleted)).toHaveText(['The encoder reports ticks, not angles.']);
  await expect(page.getByTestId('orphan-item')).toHaveCount(0);
});

test('exported Markdown links open the reader at the highlight, in the page and from a fresh start', async ({ reader }) => {
  let page = reader.page;
  const dir = join(reader.dataDir, 'arm-book');
  await writeEdition(dir, EDITION_1);
  await importAndOpen(page, dir);
  await openChapter(page, 'Calibration');
  const id = await highlight(page, DELETED, 'purple');
  await writeNote(page, id, 'Zero first.');
  await page.keyboard.press('Escape');

  await openPanel(page, 'notes');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notes-export-md').click()]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toContain(`> ${DELETED}`);
  expect(markdown).toContain('Zero first.');
  const link = /\((<?)(physical-ai-reader:\/\/open\?[^)>\s]+)>?\)/.exec(markdown)?.[2];
  expect(link).toContain(`annotation=${id}`);

  // Followed inside the page (the route a clicked link takes): the chapter opens with the highlight focused.
  await openChapter(page, 'Safety');
  await page.evaluate((l) => (location.hash = `#/link?u=${encodeURIComponent(l)}`), link!);
  await expect(page.getByTestId('chapter').locator('h1').first()).toHaveText('Calibration');
  await expect.poll(() => focusedHighlight(page)).toBe(id);

  // Opened from outside: the app started with the link (web host: --open) lands there too.
  page = await reader.restart({ open: link! });
  await expect(page.getByTestId('chapter').locator('h1').first()).toHaveText('Calibration');
  await expect.poll(() => focusedHighlight(page)).toBe(id);
  await expect(marks(page, id).first()).toBeInViewport();
});

test('keyboard only: h highlights, Enter opens the popover, a note is typed and saved, the Notes panel jumps back', async ({ reader }) => {
  const { page } = reader;
  const dir = join(reader.dataDir, 'arm-book');
  await writeEdition(dir, EDITION_1);
  await importAndOpen(page, dir);
  await openChapter(page, 'Safety');
  await select(page, SAFETY);
  await page.keyboard.press('h');
  await expect.poll(() => focusedHighlight(page)).not.toBeNull();
  const id = (await focusedHighlight(page))!;
  await expect(marks(page, id)).toHaveText([SAFETY]);

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('popover-note-input')).toBeFocused();
  await page.keyboard.type('Fence first');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('popover-note')).toHaveText('Fence first');
  // Saved, the focus is on "Edit note"; the colours come before it: purple, pink, blue, green going back.
  await expect(page.getByTestId('popover-note-edit')).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('popover-color-green')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(marks(page, id).first()).toHaveAttribute('data-color', 'green');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('highlight-popover')).toBeHidden();
  await expect.poll(() => focusedHighlight(page)).toBe(id);

  await page.keyboard.press('n');
  await expect(page.getByTestId('notes-search')).toBeFocused();
  await page.keyboard.type('fence first');
  await expect(page.getByTestId('note-item')).toHaveCount(1);
  // Past the colour filters to the entry.
  for (let i = 0; i < 10 && !(await page.getByTestId('note-open').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.getByTestId('note-open')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedHighlight(page)).toBe(id);
});

test('axe finds nothing serious on highlights, the popover and the Notes panel, in every theme', async ({ reader }) => {
  const { page } = reader;
  const dir = join(reader.dataDir, 'arm-book');
  await writeEdition(dir, EDITION_1);
  await importAndOpen(page, dir);
  await openChapter(page, 'Calibration');
  const colors = ['yellow', 'green', 'blue', 'pink', 'purple'];
  const phrases = ['Every joint needs a known zero', 'The encoder reports ticks', 'Run the homing routine', 'Keep one hand near', DELETED];
  const ids: string[] = [];
  for (const [i, phrase] of phrases.entries()) ids.push(await highlight(page, phrase, colors[i]));
  await writeNote(page, ids[0]!, 'A note with a [link](https://example.com) and `code`.');
  await page.keyboard.press('Escape');
  // A second edition gives a highlight to review and an orphan, so the panel shows every kind of entry.
  await writeEdition(dir, EDITION_2);
  await page.getByTestId('nav-library').click();
  await importAndOpen(page, dir);
  for (const theme of ['light', 'dark', 'sepia'] as const) {
    await openPanel(page, 'settings');
    await page.getByTestId(`theme-${theme}`).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await openPanel(page, 'notes');
    await expect(page.getByTestId('orphan-item')).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    await openChapter(page, 'Calibration');
    await marks(page).first().click();
    await expect(page.getByTestId('highlight-popover')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
  }
});

test('"Ask about this" on a highlight starts a thread, and the highlight shows it has one', async ({ reader }) => {
  test.setTimeout(150_000);
  const { page } = reader;
  // The bundled book has its search index prebuilt; a first question waits until it is loaded.
  await page.getByTestId('book-card').filter({ hasText: 'Included with the app' }).getByTestId('open-book').click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('aria-busy', 'false');
  await openPanel(page, 'ask');
  await page.getByTestId('ask-input').fill('What is a humanoid robot?');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-passage').first()).toBeVisible({ timeout: 90_000 });

  const paragraph = (await page.getByTestId('chapter').locator('.chapter-body > p').first().textContent())!.trim();
  const phrase = paragraph.split(/(?<=\.)\s/)[0]!;
  const id = await highlight(page, phrase);
  await marks(page, id).first().click();
  await page.getByTestId('popover-ask').click();
  await expect(page.getByTestId('ask-input')).toHaveValue(phrase);
  await expect(marks(page, id).first()).toHaveAttribute('data-thread', 'true', { timeout: 30_000 });
  await marks(page, id).first().click();
  await expect(page.getByTestId('popover-open-thread')).toBeVisible();
  await page.getByTestId('popover-open-thread').click();
  await expect(page.getByTestId('ask-panel')).toBeVisible();
  await expect(page.getByTestId('highlight-popover')).toBeHidden();
});

import { expect, test } from './support/fixtures.js';
import { openFirstBook, openPanel, shot } from './support/ui.js';

const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(22, 24, 28)', sepia: 'rgb(245, 237, 218)' };

async function background(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/** What the engine has stored: a restart is only meaningful once the last change has been saved. */
async function savedSettings(page: import('@playwright/test').Page): Promise<{ theme: string; fontSize: number }> {
  return page.evaluate(() =>
    (window as unknown as { reader: { getSettings(input: object): Promise<{ theme: string; fontSize: number }> } }).reader.getSettings({}),
  );
}

test('themes: light, dark and sepia apply at once, system follows the OS, and the choice survives a restart', async ({ reader }, testInfo) => {
  let page = reader.page;
  await openFirstBook(page);
  const html = page.locator('html');

  // Default is "follow system".
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe(BACKGROUND.light);

  await openPanel(page, 'settings');
  await expect(page.getByTestId('theme-system')).toBeChecked();
  for (const theme of ['dark', 'sepia', 'light'] as const) {
    await page.getByTestId(`theme-${theme}`).check();
    await expect(html).toHaveAttribute('data-theme', theme);
    expect(await background(page)).toBe(BACKGROUND[theme]);
  }
  // An explicit theme no longer follows the OS.
  await page.getByTestId('theme-sepia').check();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'sepia');
  await shot(page, testInfo, 'settings-sepia');
  await expect.poll(async () => (await savedSettings(page)).theme).toBe('sepia');

  page = await reader.restart();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');
});

test('font size and line width change the chapter text and are kept', async ({ reader }) => {
  let page = reader.page;
  await openFirstBook(page);
  const chapter = page.getByTestId('chapter');
  await openPanel(page, 'settings');

  const fontSize = page.getByTestId('font-size');
  await fontSize.focus();
  const before = await chapter.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  for (let i = 0; i < 4; i++) await fontSize.press('ArrowRight');
  await expect.poll(() => chapter.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBe(before + 4);

  const widthBefore = await chapter.evaluate((el) => el.getBoundingClientRect().width);
  await page.getByTestId('line-width').fill('40');
  await expect.poll(() => chapter.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(widthBefore);
  await expect.poll(async () => (await savedSettings(page)).fontSize).toBe(before + 4);

  page = await reader.restart();
  await openFirstBook(page);
  await expect
    .poll(() => page.getByTestId('chapter').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)))
    .toBe(before + 4);
});

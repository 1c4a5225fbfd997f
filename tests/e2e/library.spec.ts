import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/fixtures.js';
import { expectNoSeriousA11yViolations, shot } from './support/ui.js';

test('first launch shows the bundled book in the library, with no setup', async ({ reader }, testInfo) => {
  const { page } = reader;
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  const card = page.getByTestId('book-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByText('Included with the app')).toBeVisible();
  const chapters = Number((await card.getByTestId('chapter-count').textContent())?.match(/\d+/)?.[0]);
  expect(chapters).toBeGreaterThanOrEqual(10);
  // Nothing has been read yet, so there is nothing to continue.
  await expect(page.getByTestId('continue-card')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await shot(page, testInfo, 'library-light');
});

test('import a book folder by path: it joins the library and opens', async ({ reader }) => {
  const { page } = reader;
  const dir = join(reader.dataDir, 'import-me');
  await mkdir(dir);
  await writeFile(join(dir, '01-first.md'), '# First Steps\n\nA short chapter about grippers.\n');
  await writeFile(join(dir, '02-second.md'), '# Second Steps\n\nA short chapter about wheels.\n');

  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('2 chapters');
  await expect(page.getByTestId('book-card')).toHaveCount(2);

  const card = page.getByTestId('book-card').filter({ hasNotText: 'Included with the app' });
  await expect(card.getByTestId('chapter-count')).toHaveText('2 chapters');
  await card.getByTestId('open-book').click();
  await expect(page.getByTestId('toc-entry')).toHaveText(['First Steps', 'Second Steps']);
  await expect(page.getByTestId('chapter')).toContainText('grippers');

  // A folder that is not there is reported, not thrown away.
  await page.getByTestId('nav-library').click();
  await page.getByTestId('import-path').fill(join(dir, 'missing'));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('role', 'alert');
});

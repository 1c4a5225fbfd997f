import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReaderApi } from '../../electron/core/contract.js';
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
  await expect(page.getByTestId('import-summary-line')).toHaveText(/^Imported “.+”: 2 chapters\.$/);
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

test('an import says what it found: a short line, the report on demand, the same after a re-import', async ({ reader }) => {
  const { page } = reader;
  // A d2l-style book whose table of contents lists one page of the five in its folder: a warning, not a silent success.
  const dir = join(reader.dataDir, 'one-of-many');
  await mkdir(dir);
  await writeFile(join(dir, 'index.md'), '# Workshop Notes\n\n```toc\n:maxdepth: 1\n\nlisted\n```\n');
  await writeFile(join(dir, 'listed.md'), '# Listed\n\nThe one page the contents name.\n');
  for (const n of ['spare-a', 'spare-b', 'spare-c']) await writeFile(join(dir, `${n}.md`), `# ${n}\n\nNot in the contents.\n`);

  for (const round of ['first import', 're-import']) {
    await page.getByTestId('import-path').fill(dir);
    await page.getByTestId('import-submit').click();
    const line = page.getByTestId('import-summary-line');
    await expect(line, round).toHaveText('Imported “Workshop Notes”: 1 chapter; 1 warning.');
    const details = page.getByTestId('import-details');
    await expect(details.getByRole('heading', { name: 'Warnings (1)' })).toBeHidden();
    await details.getByText('Details of “Workshop Notes”').click();
    const warnings = details.getByRole('region', { name: 'Warnings' });
    await expect(warnings.getByRole('listitem')).toHaveText([/^Only 1 chapter was imported, but the folder holds 5 Markdown pages/]);
    await expect(details.getByRole('heading', { name: 'Unresolved links (0)' })).toBeVisible();
    await expect(details).toContainText('Reading order from: index.md table of contents.');
    await expectNoSeriousA11yViolations(page);
  }

  // The stored report, read back through the host as any page would.
  const report = await page.evaluate(async (title) => {
    const reader = (window as unknown as { reader: ReaderApi }).reader;
    const books = await reader.listBooks({});
    const id = books.find((b) => b.title === title)!.id;
    return (await reader.getImportReport({ bookId: id })).report;
  }, 'Workshop Notes');
  expect(report).toMatchObject({ order: 'index.md table of contents', warnings: [expect.stringMatching(/^Only 1 chapter/)], unresolvedLinks: [] });
});

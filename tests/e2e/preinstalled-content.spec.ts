/**
 * A lab machine: a policy (READER_POLICY_PATH) names a content folder holding a pack made by `reader build-content`
 * and turns importing off. On a student's first launch the book is in the library, searchable at once from the
 * pack's index, read-only; importing is refused and Settings shows what the administrator locked.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReaderApi } from '../../electron/core/contract.js';
import { expect, test } from './support/fixtures.js';
import { expectNoSeriousA11yViolations, openPanel } from './support/ui.js';

const base = mkdtempSync(join(tmpdir(), 'reader-e2e-content-'));
const contentDir = join(base, 'books');
const policyPath = join(base, 'policy.json');
writeFileSync(policyPath, JSON.stringify({ contentDir, allowImport: false, updateMode: 'off' }));

test.use({ readerEnv: { READER_POLICY_PATH: policyPath } });

test.beforeAll(() => {
  const source = join(base, 'source');
  mkdirSync(source);
  writeFileSync(join(source, '_category_.json'), JSON.stringify({ label: 'Lab Robotics' }));
  writeFileSync(join(source, 'arms.md'), '---\ntitle: Arms\n---\n# Arms\n\nA robot arm places its gripper by solving inverse kinematics for each joint.\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', 'build-content', source, join(contentDir, 'lab-robotics')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`build-content failed: ${r.stderr}`);
});
test.afterAll(() => rmSync(base, { recursive: true, force: true }));

test('a preinstalled book is there on first launch, searchable at once, read-only, with import locked', async ({ reader }) => {
  test.setTimeout(120_000);
  const { page } = reader;
  await expect(page.getByTestId('book-card').filter({ hasText: 'Lab Robotics' })).toBeVisible();
  // Answered from the pack's index: no indexing in this fresh data dir.
  const passages = await page.evaluate(async () => (await (window as unknown as { reader: ReaderApi }).reader.ask({ bookId: 'content-lab-robotics', question: 'How does an arm place its gripper?' })).passages.length);
  expect(passages).toBeGreaterThan(0);
  const books = await page.evaluate(() => (window as unknown as { reader: ReaderApi }).reader.listBooks({}));
  expect(books.find((b) => b.id === 'content-lab-robotics')?.bundled).toBe(true);

  await expect(page.getByTestId('import-managed')).toContainText('Managed by your administrator');
  await expect(page.getByTestId('import-path')).toHaveCount(0);
  const refused = await page.evaluate(() => (window as unknown as { reader: ReaderApi }).reader.importBook({ dir: '/tmp' }).then(() => 'imported', (e: Error) => e.message));
  expect(refused).toMatch(/administrator has turned off importing/);

  await openPanel(page, 'settings');
  const allowImport = page.getByTestId('managed-allowImport');
  await expect(allowImport).toBeDisabled();
  await expect(allowImport).not.toBeChecked();
  await expect(page.getByTestId('managed-settings')).toContainText('Managed by your administrator');
  await expect(page.getByTestId('managed-updateMode')).toHaveValue('off');
  await expectNoSeriousA11yViolations(page);
});

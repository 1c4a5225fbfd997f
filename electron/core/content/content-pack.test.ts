/**
 * A lab content pack from `reader build-content` mounted through the policy's contentDir: in a fresh library at
 * once, read-only (bundled), searchable from its prebuilt index with no indexing, and import refused by policy.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesktopConfig } from '../config/desktop-config.js';
import { createReaderCore } from '../reader-core.js';
import { listContentPacks } from './content-pack.js';

const base = mkdtempSync(join(tmpdir(), 'reader-content-'));
const contentDir = join(base, 'books');
const source = join(base, 'source');

beforeAll(() => {
  mkdirSync(source);
  writeFileSync(join(source, '_category_.json'), JSON.stringify({ label: 'Field Robotics' }));
  writeFileSync(join(source, 'wheels.md'), '---\ntitle: Wheels\n---\n# Wheels\n\nA differential drive steers by turning its two wheels at different speeds.\n');
  writeFileSync(join(source, 'sensors.md'), '---\ntitle: Sensors\n---\n# Sensors\n\nA lidar measures distance by timing reflected laser pulses.\n');
  // The real command, as an admin runs it.
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', 'build-content', source, join(contentDir, 'field-robotics')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/"Field Robotics" as content-field-robotics, 2 chapters, \d+ passages indexed/);
}, 300_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('preinstalled content', { timeout: 120_000 }, () => {
  it('build-content refuses a folder that is not empty', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', 'build-content', source, join(contentDir, 'field-robotics')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not empty/);
  });

  it('is in a fresh library at once, read-only, searchable from its prebuilt index; import refused by policy', async () => {
    expect(listContentPacks(contentDir).map((p) => p.bookId)).toEqual(['content-field-robotics']);
    const policyPath = join(base, 'policy.json');
    writeFileSync(policyPath, JSON.stringify({ contentDir, allowImport: false }));
    const config = loadDesktopConfig({ READER_POLICY_PATH: policyPath }, 'linux');
    const core = createReaderCore({ dataDir: join(base, 'student'), config });
    try {
      const books = await core.listBooks({});
      expect(books.map((b) => [b.id, b.title, b.bundled])).toEqual([['content-field-robotics', 'Field Robotics', true]]);
      const answer = await core.ask({ bookId: 'content-field-robotics', question: 'How does a lidar measure distance?' });
      expect(answer.passages[0]?.text).toMatch(/lidar measures distance/);
      // Answered from the pack's index as installed, not one built here.
      const status = await core.indexStatus({ bookId: 'content-field-robotics' });
      expect(status.state).toBe('ready');
      await expect(core.importBook({ dir: source })).rejects.toThrow(/administrator has turned off importing/);
    } finally {
      await core.close();
    }
  });

  it('uses the chapters the pack rendered (nothing rendered at launch), once per pack build', async () => {
    // A copy of the pack whose book sources are gone: only the pack's own library rows can supply the chapters.
    const copyDir = join(base, 'books-copy');
    cpSync(join(contentDir, 'field-robotics'), join(copyDir, 'field-robotics'), { recursive: true });
    rmSync(join(copyDir, 'field-robotics', 'book', 'sensors.md'));
    const policyPath = join(base, 'policy-copy.json');
    writeFileSync(policyPath, JSON.stringify({ contentDir: copyDir }));
    const config = loadDesktopConfig({ READER_POLICY_PATH: policyPath }, 'linux');
    const dataDir = join(base, 'student-copy');
    for (const launch of [1, 2]) {
      const core = createReaderCore({ dataDir, config, indexOnImport: false });
      try {
        expect((await core.getToc({ bookId: 'content-field-robotics' })).map((t) => t.title), `launch ${launch}`).toEqual(['Sensors', 'Wheels']);
        expect((await core.openChapter({ bookId: 'content-field-robotics', chapterId: 'sensors' })).html).toMatch(/lidar measures distance/);
        expect((await core.searchBook({ bookId: 'content-field-robotics', query: 'lidar' })).length).toBe(1);
      } finally {
        await core.close();
      }
    }
  });

  it('a missing content folder is simply no preinstalled books', async () => {
    const policyPath = join(base, 'policy-missing.json');
    writeFileSync(policyPath, JSON.stringify({ contentDir: join(base, 'nowhere') }));
    const core = createReaderCore({ dataDir: join(base, 'student-2'), config: loadDesktopConfig({ READER_POLICY_PATH: policyPath }, 'linux') });
    try {
      expect(await core.listBooks({})).toEqual([]);
    } finally {
      await core.close();
    }
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBookIndex } from './book-index.js';
import { searchBook } from './hybrid-search.js';
import { buildIndex, EMBEDDING_MODELS } from './indexer.js';
import { lanceDir, readManifest, writeManifest } from './manifest.js';
import { syntheticBook, TEST_MODEL_CACHE } from './test-support/synthetic-book.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'search-index-test-'));
const build = (indexDir: string, chapters: ReturnType<typeof syntheticBook>) =>
  buildIndex({ indexDir, modelCacheDir: TEST_MODEL_CACHE, chapters });

describe('buildIndex', () => {
  it('indexes a book, then re-indexes only the chapters that changed', { timeout: 180_000 }, async () => {
    const dir = freshDir();
    const book = syntheticBook(6, 'alpha');
    const first = await build(dir, book);
    expect(first.reindexed).toBe(6);
    expect(first.manifest.chunkCount).toBe(18);

    const again = await build(dir, book);
    expect(again.reindexed).toBe(0);
    expect(again.manifest.generation).toBe(first.manifest.generation);

    const changed = syntheticBook(6, 'alpha');
    changed[2]!.sections[0]!.blocks[0]!.text = 'A rewritten zeppelin paragraph about the gearbox.';
    const third = await build(dir, changed.slice(0, 5));
    expect(third).toMatchObject({ reindexed: 1, reused: 4, removed: 1 });
    const idx = (await openBookIndex(dir, TEST_MODEL_CACHE))!;
    expect(idx.manifest.chunkCount).toBe(15);
    const hit = await searchBook(idx, 'zeppelin gearbox', { k: 3 });
    expect(hit.passages[0]).toMatchObject({ file: 'part/ch2.md', heading: 'The encoder section 0' });
    // Old generations are dropped once the new manifest is published.
    expect(readdirSync(lanceDir(dir))).toEqual([`${third.manifest.table}.lance`]);
  });

  it('refuses to mix models: an index made with another model is not searched and gets fully rebuilt', { timeout: 180_000 }, async () => {
    const dir = freshDir();
    const book = syntheticBook(4, 'alpha');
    const first = await build(dir, book);
    writeManifest(dir, { ...first.manifest, models: [{ id: 'some-other-model@1', dim: 512 }] });
    expect(await openBookIndex(dir, TEST_MODEL_CACHE)).toBeNull();

    const rebuilt = await build(dir, book);
    expect(rebuilt).toMatchObject({ reindexed: 4, reused: 0 });
    expect(rebuilt.manifest.models).toEqual(EMBEDDING_MODELS);
    expect(rebuilt.manifest.generation).toBeGreaterThan(first.manifest.generation);
    expect(await openBookIndex(dir, TEST_MODEL_CACHE)).not.toBeNull();
  });

  it('survives kill -9 mid-build: searches see the previous complete index, and the next build finishes', { timeout: 240_000 }, async () => {
    const dir = freshDir();
    const before = await build(dir, syntheticBook(50, 'alpha'));

    // A bigger, different version, built in a child process that we kill while it writes the new table.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./test-support/index-child.ts', import.meta.url)), dir, '4000', 'bravo'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const killedAt = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const line = buf.split('\n').find((l) => l.startsWith('writing') || l.startsWith('indexing'));
        if (line) {
          child.kill('SIGKILL');
          resolve(line);
        }
      });
      child.on('exit', () => reject(new Error(`child exited before it could be killed:\n${buf}`)));
    });
    await new Promise((r) => child.once('exit', r));
    expect(killedAt).toMatch(/^(writing|indexing)/);

    // The published manifest still names the old, complete table: only 'alpha' passages, all of them.
    expect(readManifest(dir)!.generation).toBe(before.manifest.generation);
    const idx = (await openBookIndex(dir, TEST_MODEL_CACHE))!;
    expect(await idx.table.countRows()).toBe(before.manifest.chunkCount);
    const res = await searchBook(idx, 'bravo torque', { k: 5 });
    expect(res.passages.every((p) => p.text.includes('alpha'))).toBe(true);

    // The next start finishes the job: a complete new generation, the half-written table gone.
    const after = await build(dir, syntheticBook(4000, 'bravo'));
    expect(after.manifest.generation).toBeGreaterThan(before.manifest.generation + 1);
    expect(after.manifest.chunkCount).toBe(12_000);
    expect(readdirSync(lanceDir(dir))).toEqual([`${after.manifest.table}.lance`]);
    const fresh = (await openBookIndex(dir, TEST_MODEL_CACHE))!;
    const res2 = await searchBook(fresh, 'bravo torque', { k: 5 });
    expect(res2.passages.length).toBe(5);
    expect(res2.passages.every((p) => p.text.includes('bravo'))).toBe(true);
  });
});

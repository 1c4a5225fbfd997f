/** kill -9 of a process in the middle of a loop of highlight writes leaves the database readable, every record whole. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createReaderCore } from '../reader-core.js';
import { EDITION_1 } from '../../../tests/fixtures/annotation-editions.js';
import { writeEdition } from './test-support/annotated-book.js';

const base = mkdtempSync(join(tmpdir(), 'reader-annotations-kill-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

it('survives kill -9 during writes: readable, whole records, nothing half-edited', { timeout: 120_000 }, async () => {
  const data = join(base, 'data');
  const dir = join(base, 'book');
  writeEdition(dir, EDITION_1);
  const setup = createReaderCore({ dataDir: data, indexOnImport: false });
  const bookId = (await setup.importBook({ dir })).bookId;
  await setup.close();

  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./test-support/write-loop-child.ts', import.meta.url)), data, bookId], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const wrote = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const n = [...buf.matchAll(/wrote (\d+)/g)].length;
      if (n >= 40) {
        child.kill('SIGKILL');
        resolve(n);
      }
    });
    child.on('exit', () => reject(new Error(`child exited before it could be killed:\n${buf}`)));
  });
  await new Promise((r) => child.once('exit', r));

  const core = createReaderCore({ dataDir: data, indexOnImport: false });
  try {
    expect(core.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const list = await core.listAnnotations({ bookId });
    expect(list.length).toBeGreaterThanOrEqual(wrote);
    for (const a of list) {
      // Either as added or as edited, never a mix: each write is one transaction.
      expect(a.note).toMatch(/^write \d+ (x{2000}|edited y{2000})$/);
      expect(a.color).toBe(a.note.includes('edited') ? 'green' : 'blue');
      expect(a.anchor.status).toBe('anchored');
      expect(a.target.quote.exact.length).toBeGreaterThan(0);
    }
  } finally {
    await core.close();
  }
});

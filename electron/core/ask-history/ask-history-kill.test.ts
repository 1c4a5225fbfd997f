/** A kill -9 while questions are being kept leaves the database readable, with every reported turn in it. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { LibraryStore } from '../library/store/library-store.js';
import { createAnnotations } from '../annotations/annotation-methods.js';
import { createAskHistory } from './ask-history.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('survives kill -9 in the middle of a write loop', { timeout: 120_000 }, async () => {
  dir = mkdtempSync(join(tmpdir(), 'reader-ask-kill-'));
  const db = join(dir, 'library.sqlite');
  new LibraryStore(db).close(); // migrated before the child starts, so the kill lands among turn writes
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./test-support/ask-writer-child.ts', import.meta.url)), db, 'book-1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const reported = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const last = Number(buf.trimEnd().split('\n').at(-1));
      if (last >= 300) {
        child.kill('SIGKILL');
        resolve(last);
      }
    });
    child.on('exit', () => reject(new Error(`child exited before it could be killed:\n${buf}`)));
  });
  await new Promise((r) => child.once('exit', r));

  const store = new LibraryStore(db);
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const history = createAskHistory(store, createAnnotations(store, () => {}).placement, () => {});
    const threads = await history.methods.listAskThreads({ bookId: 'book-1' });
    const messages = (await Promise.all(threads.map((t) => history.methods.getAskThread({ threadId: t.id })))).flatMap((t) => t.messages);
    // Every turn the child reported is there, whole, and no turn is missing before the last one kept (the child
    // may have kept a few more than it had reported when the kill arrived).
    expect(messages.length).toBeGreaterThanOrEqual(reported);
    const numbers = messages.map((m) => Number(/^Question (\d+)\?$/.exec(m.question)?.[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(messages.every((m) => m.answer.length > 0)).toBe(true);
    expect(threads.every((t) => t.messageCount >= 1)).toBe(true);
  } finally {
    store.close();
  }
});

/**
 * The data dir holds the reader's library, notes and account cache: after the core starts, nothing in it may be
 * readable by other users of the machine (lab machines are shared).
 */
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReaderCore, type ReaderCore } from './reader-core.js';
import { BUNDLED_BOOK_ID } from './library/ids.js';

let base: string;
let bookDir: string;
const cores: ReaderCore[] = [];

/** Every entry under dir whose mode lets anyone but the owner in: `path mode` lines, empty when all are private. */
function looseModes(dir: string): string[] {
  const loose: string[] = [];
  const visit = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    const mode = st.mode & 0o777;
    if (st.isDirectory() ? mode !== 0o700 : (mode & 0o077) !== 0) loose.push(`${path} ${mode.toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return loose;
}

async function indexed(core: ReaderCore, bookId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const s = await core.indexStatus({ bookId });
    if (s.state === 'ready') return;
    if (s.state === 'failed') throw new Error(`indexing failed: ${s.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('indexing did not finish');
}

function open(dataDir: string, extra: Partial<Parameters<typeof createReaderCore>[0]> = {}): ReaderCore {
  const core = createReaderCore({ dataDir, ...extra });
  cores.push(core);
  return core;
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'reader-private-'));
  chmodSync(base, 0o755);
  bookDir = join(base, 'book');
  mkdirSync(bookDir);
  writeFileSync(join(bookDir, 'intro.md'), '# Introduction\n\nRobots sense, think and act with motors and sensors.\n');
  writeFileSync(join(bookDir, 'control.md'), '# Control\n\nA PID controller uses proportional, integral and derivative terms.\n');
});

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  rmSync(base, { recursive: true, force: true });
});

describe('the data dir is private to its owner', () => {
  it('a fresh data dir: library, search index, word vectors and account files are 0600, dirs 0700', async () => {
    const dataDir = join(base, 'data');
    const core = open(dataDir);
    const { bookId } = await core.importBook({ dir: bookDir });
    await indexed(core, bookId);
    await core.getAccount({});
    await core.setSettings({ fontSize: 20 });
    expect(readdirSync(join(dataDir, 'search'))).toEqual(expect.arrayContaining(['books', 'models']));
    expect(looseModes(dataDir)).toEqual([]);
  });

  it('a data dir left 0755/0644 by an older version is tightened on start', async () => {
    const dataDir = join(base, 'old');
    mkdirSync(join(dataDir, 'search', 'books', 'x'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'search', 'books', 'x', 'data.lance'), 'old index', { mode: 0o644 });
    writeFileSync(join(dataDir, 'notes.txt'), 'old notes', { mode: 0o666 });
    for (const d of ['', 'search', 'search/books', 'search/books/x']) chmodSync(join(dataDir, d), 0o755);
    chmodSync(join(dataDir, 'notes.txt'), 0o666);
    open(dataDir);
    expect(looseModes(dataDir)).toEqual([]);
  });

  it('a prebuilt index copied in from world-readable resources is private in the data dir', async () => {
    const first = open(join(base, 'first'), { bundledBookDir: bookDir });
    await first.importBook({ dir: bookDir });
    await indexed(first, BUNDLED_BOOK_ID);
    await first.close();
    cores.splice(0);
    // The prebuilt index as it ships: readable by everyone.
    const prebuilt = join(base, 'book-index');
    cpSync(join(base, 'first', 'search', 'books', BUNDLED_BOOK_ID), prebuilt, { recursive: true });
    const loosen = (path: string) => {
      const st = lstatSync(path);
      chmodSync(path, st.isDirectory() ? 0o755 : 0o644);
      if (st.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
    };
    loosen(prebuilt);

    const dataDir = join(base, 'data');
    const core = open(dataDir, { bundledBookDir: bookDir, bundledIndexDir: prebuilt });
    // The first question installs the prebuilt index.
    await core.ask({ bookId: BUNDLED_BOOK_ID, question: 'What does a PID controller use?' });
    expect((await core.indexStatus({ bookId: BUNDLED_BOOK_ID })).state).toBe('ready');
    expect(looseModes(dataDir)).toEqual([]);
  });
});

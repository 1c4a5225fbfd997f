/**
 * Finding 5: parsing an untrusted book runs off the caller's thread with limits. Each crafted input here once hung
 * the importer (and everything else on its thread) or overflowed its stack; now each imports within a bounded
 * time, the bad part is reported, the good chapters are present and the caller's event loop keeps ticking.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CraftedBooks, eventLoopWatch } from '../../../tests/fixtures/crafted-book.js';
import { importBookFolder, type ImportOptions, type LibraryImportResult } from './import-book.js';
import { LibraryStore } from './store/library-store.js';

// Budgets small enough to keep this file quick, large enough for the good chapters on a busy 2-core machine.
const LIMITS: ImportOptions = { limits: { chapterTimeoutMs: 2000, planTimeoutMs: 15_000 } };
// Each hanging chapter costs its budget plus a fresh worker (seconds to load the renderer from TypeScript sources
// when the machine is busy); without the limits these imports never finished.
const BOUND_MS = 30_000;
// The caller's thread only waits on workers and writes SQLite; a 1.5 s stall would mean parsing ran on it.
const MAX_STALL_MS = 1500;

const books = new CraftedBooks();
let data: string;
let store: LibraryStore;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'reader-hostile-data-'));
  store = new LibraryStore(join(data, 'library.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(data, { recursive: true, force: true });
  books.cleanup();
});

/** Imports while a timer runs on this thread; returns the result, the time taken and the longest timer stall. */
async function watchedImport(dir: string): Promise<{ r: LibraryImportResult; ms: number; stall: number }> {
  const watch = eventLoopWatch();
  const t = performance.now();
  try {
    const r = await importBookFolder(store, dir, LIMITS);
    return { r, ms: performance.now() - t, stall: watch.maxGapMs() };
  } finally {
    watch.stop();
  }
}
const files = (r: LibraryImportResult) => store.getToc(r.bookId).map((t) => t.file);

/** A 4 KB `_toctree.yml` whose aliases expand to 10^9 entries. */
function billionLaughs(): string {
  const lines = ['- &l0 {title: Intro, local: intro}'];
  for (let i = 1; i <= 9; i++) lines.push(`- &l${i} {title: L${i}, sections: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}`);
  return lines.join('\n') + '\n';
}

describe('hostile books import within bounds, off the caller thread', () => {
  it('refuses a billion-laughs _toctree.yml and still imports the pages', async () => {
    const dir = books.folder({ '_toctree.yml': billionLaughs(), 'intro.mdx': '# Intro\n\nHello.\n', 'second.mdx': '# Second\n\nMore.\n' });
    const { r, ms, stall } = await watchedImport(dir);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(stall).toBeLessThan(MAX_STALL_MS);
    expect(files(r).sort()).toEqual(['intro.mdx', 'second.mdx']);
    expect(r.skipped).toEqual([{ file: '_toctree.yml', reason: expect.stringMatching(/alias/) }]);
  }, BOUND_MS + 10_000);

  it('falls back to folder order when sidebars.js nests 200k brackets', async () => {
    const dir = books.folder({
      'sidebars.js': `module.exports = { docs: ${'['.repeat(200_000)} };`,
      'docs/intro.md': '---\nsidebar_position: 1\n---\n# Intro\n\nHello.\n',
      'docs/next.md': '---\nsidebar_position: 2\n---\n# Next\n\nMore.\n',
    });
    const { r, ms, stall } = await watchedImport(dir);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(stall).toBeLessThan(MAX_STALL_MS);
    expect(files(r)).toEqual(['docs/intro.md', 'docs/next.md']);
  }, BOUND_MS + 10_000);

  it('fails only the pathological chapters (emphasis, quotes, deep list, 50 MB) and keeps the good ones', async () => {
    const dir = books.folder({
      'a-good.md': '# Good\n\nFine words.\n',
      'emphasis.md': 'a**'.repeat(26_000),
      'quotes.md': '>'.repeat(100_000),
      'list.md': `${'- '.repeat(3000)}x\n`,
      'z-good.md': '# Also good\n\nMore words.\n',
    });
    writeFileSync(join(dir, 'huge.md'), '');
    truncateSync(join(dir, 'huge.md'), 50 * 1024 * 1024);
    const { r, ms, stall } = await watchedImport(dir);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(stall).toBeLessThan(MAX_STALL_MS);
    // Good chapters present and rendered; a failed chapter stays in the book with a visible reason.
    const toc = store.getToc(r.bookId);
    expect(toc.map((t) => t.file)).toEqual(['a-good.md', 'emphasis.md', 'list.md', 'quotes.md', 'z-good.md']);
    expect(store.openChapter(r.bookId, toc[0]!.id)!.html).toContain('Fine words.');
    expect(store.openChapter(r.bookId, toc[4]!.id)!.html).toContain('More words.');
    expect(r.failed.map((f) => f.file)).toEqual(['emphasis.md', 'list.md', 'quotes.md']);
    for (const f of r.failed) expect(f.reason).toMatch(/took longer than 2 s|stack|memory/);
    expect(store.openChapter(r.bookId, toc[1]!.id)!.html).toMatch(/could not be rendered/);
    expect(r.skipped).toEqual([{ file: 'huge.md', reason: expect.stringMatching(/larger than/) }]);
  }, BOUND_MS + 10_000);

  it('keeps a book with a huge category label small: labels are clamped before every chapter repeats them', async () => {
    const pages = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`docs/part/p${i}.md`, `# Page ${i}\n\nText.\n`]));
    const label = 'L'.repeat(1_000_000);
    const dir = books.folder({ 'docusaurus.config.js': "module.exports = { title: 'Big labels' };", 'docs/part/_category_.json': JSON.stringify({ label }), ...pages });
    const { r } = await watchedImport(dir);
    const toc = store.getToc(r.bookId);
    expect(toc).toHaveLength(40);
    for (const t of toc) expect(t.parents.join('').length).toBeLessThanOrEqual(300);
    expect(toc[0]!.parents[0]!.startsWith('LLL')).toBe(true);
  });
});

import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReaderError } from './contract.js';
import { createReaderCore, DEFAULT_SETTINGS, type ReaderCore } from './reader-core.js';
import type { LibraryImportResult } from './library/import-book.js';

let base: string;
let bookDir: string;
let core: ReaderCore;

function write(path: string, content: string) {
  mkdirSync(dirname(join(bookDir, path)), { recursive: true });
  writeFileSync(join(bookDir, path), content);
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'reader-core-'));
  bookDir = join(base, 'book');
  write('_category_.json', JSON.stringify({ label: 'Test Robotics' }));
  write('intro.md', '---\ntitle: Introduction\nsidebar_position: 1\n---\nRobots sense, think and act.\n\n## Actuators\n\nElectric motors drive the joints <script>x</script>.\n');
  write('control.md', '---\ntitle: Control\nsidebar_position: 2\n---\n# Control\n\nA PID controller uses proportional, integral and derivative terms.\n');
  write('vision.md', '---\ntitle: Vision\nsidebar_position: 3\n---\n# Vision\n\nCameras and depth sensors; 3 < 4 & "quotes".\n');
  core = createReaderCore({ dataDir: join(base, 'data'), indexOnImport: false });
});

afterEach(async () => {
  await core.close();
  rmSync(base, { recursive: true, force: true });
});

const errorCode = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ReaderError);
    return (e as ReaderError).code;
  }
};

describe('reader core: library and reading', () => {
  it('imports a folder and reads it: toc, chapter HTML, prev/next, position', async () => {
    const r = await core.importBook({ dir: bookDir });
    expect(r).toMatchObject({ title: 'Test Robotics', chapterCount: 3, added: 3, updated: 0, removed: 0, unchanged: 0 });
    const toc = await core.getToc({ bookId: r.bookId });
    expect(toc.map((t) => [t.id, t.title, t.file])).toEqual([
      ['intro', 'Introduction', 'intro.md'],
      ['control', 'Control', 'control.md'],
      ['vision', 'Vision', 'vision.md'],
    ]);
    const ch = await core.openChapter({ bookId: r.bookId, chapterId: 'control' });
    expect(ch).toMatchObject({ title: 'Control', prevId: 'intro', nextId: 'vision', position: 0 });
    expect(ch.html).toContain('<h1 id="control">Control</h1>');
    const intro = await core.openChapter({ bookId: r.bookId, chapterId: 'intro' });
    expect(intro.html).not.toContain('<script');
    expect(intro.prevId).toBeNull();
    await core.saveProgress({ bookId: r.bookId, chapterId: 'control', position: 0.4 });
    expect((await core.openChapter({ bookId: r.bookId, chapterId: 'control' })).position).toBe(0.4);
    const [book] = (await core.listBooks({})).filter((b) => b.id === r.bookId);
    expect(book).toMatchObject({ chapterCount: 3, bundled: false, lastRead: { chapterId: 'control', chapterTitle: 'Control', position: 0.4 } });
  });

  it('throws ReaderError for unknown books, chapters, bookmarks and folders', async () => {
    const { bookId } = await core.importBook({ dir: bookDir });
    expect(await errorCode(core.getToc({ bookId: 'nope' }))).toBe('not_found');
    expect(await errorCode(core.openChapter({ bookId, chapterId: 'nope' }))).toBe('not_found');
    expect(await errorCode(core.saveProgress({ bookId, chapterId: 'nope', position: 0.1 }))).toBe('not_found');
    expect(await errorCode(core.removeBookmark({ bookmarkId: 'nope' }))).toBe('not_found');
    expect(await errorCode(core.ask({ bookId: 'nope', question: 'what is PID?' }))).toBe('not_found');
    // Search is wired in (loaded on first use): a book that was never indexed reports so.
    expect(await core.indexStatus({ bookId })).toMatchObject({ bookId, state: 'missing', chunkCount: 0 });
    expect(await errorCode(core.importBook({ dir: join(base, 'missing') }))).toBe('invalid_input');
    mkdirSync(join(base, 'empty'));
    expect(await errorCode(core.importBook({ dir: join(base, 'empty') }))).toBe('invalid_input');
  });

  it('re-import renders only changed chapters and keeps reading state of the others', async () => {
    const seen: LibraryImportResult[] = [];
    core.onBookImported((r) => seen.push(r));
    const changed: string[] = [];
    core.on('libraryChanged', (e) => changed.push(e.bookId));
    const { bookId } = await core.importBook({ dir: bookDir });
    await core.saveProgress({ bookId, chapterId: 'intro', position: 0.7 });
    await core.saveProgress({ bookId, chapterId: 'vision', position: 0.2 });
    const mark = await core.addBookmark({ bookId, chapterId: 'intro', position: 0.5, anchor: 'actuators', label: ' Motors ' });
    await core.addBookmark({ bookId, chapterId: 'vision', position: 0.1, anchor: null, label: 'Cameras' });

    write('control.md', '---\ntitle: Control\nsidebar_position: 2\n---\n# Control\n\nModel predictive control plans ahead.\n');
    unlinkSync(join(bookDir, 'vision.md'));
    write('sim.md', '---\ntitle: Simulation\nsidebar_position: 4\n---\n# Simulation\n\nPhysics engines.\n');
    const again = await core.importBook({ dir: bookDir });
    expect(again).toMatchObject({ bookId, chapterCount: 3, added: 1, updated: 1, removed: 1, unchanged: 1 });
    expect(seen.at(-1)).toMatchObject({ added: ['sim'], updated: ['control'], removed: ['vision'], unchanged: 1 });
    expect(changed).toEqual([bookId, bookId]);

    expect((await core.openChapter({ bookId, chapterId: 'intro' })).position).toBe(0.7);
    expect((await core.openChapter({ bookId, chapterId: 'control' })).html).toContain('Model predictive control');
    expect(await core.listBookmarks({ bookId })).toEqual([{ ...mark, label: 'Motors' }]);
    expect(mark).toMatchObject({ chapterTitle: 'Introduction', anchor: 'actuators', label: 'Motors' });
    expect((await core.getToc({ bookId })).map((t) => t.id)).toEqual(['intro', 'control', 'sim']);
    expect(core.store.listChaptersWithSections(bookId, ['control'])[0]!.sections[0]).toMatchObject({ heading: 'Control', path: ['Control'] });
    await core.removeBookmark({ bookmarkId: mark.id });
    expect(await core.listBookmarks({ bookId })).toEqual([]);
  });

  it('searches chapter text with escaped, highlighted snippets; user text is never FTS syntax', async () => {
    const { bookId } = await core.importBook({ dir: bookDir });
    const hits = await core.searchBook({ bookId, query: 'proportional' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ chapterId: 'control', chapterTitle: 'Control', terms: ['proportional'] });
    expect(hits[0]!.snippetHtml).toContain('<mark>proportional</mark>');
    const escaped = await core.searchBook({ bookId, query: 'quotes' });
    expect(escaped[0]!.snippetHtml).toContain('3 &lt; 4 &amp; &quot;<mark>quotes</mark>&quot;');
    expect(escaped[0]!.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    // Prefix match on the last word, as the reader types.
    expect((await core.searchBook({ bookId, query: 'deriv' }))[0]?.chapterId).toBe('control');
    for (const q of ['"unbalanced', 'NEAR(a b)', 'title:control', 'a OR', '*', '-x', '^foo']) {
      await expect(core.searchBook({ bookId, query: q })).resolves.toBeInstanceOf(Array);
    }
  });

  it('has default settings and saves changes', async () => {
    expect(await core.getSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ theme: 'system', fontSize: 18, lineWidth: 70 });
    expect(await core.setSettings({ theme: 'sepia', fontSize: 20 })).toEqual({ theme: 'sepia', fontSize: 20, lineWidth: 70 });
    await core.close();
    core = createReaderCore({ dataDir: join(base, 'data'), indexOnImport: false });
    expect(await core.getSettings({})).toEqual({ theme: 'sepia', fontSize: 20, lineWidth: 70 });
  });
});

describe('reader core: the bundled book', () => {
  it('is imported on creation under the id "bundled", and only re-rendered when it changes', async () => {
    await core.close();
    core = createReaderCore({ dataDir: join(base, 'data2'), bundledBookDir: bookDir, indexOnImport: false });
    expect(core.bundledImport).toMatchObject({ bookId: 'bundled', added: ['intro', 'control', 'vision'] });
    expect((await core.listBooks({}))[0]).toMatchObject({ id: 'bundled', bundled: true, chapterCount: 3, sourceDir: bookDir });
    expect(core.bookDir('bundled')).toBe(bookDir);
    await core.close();
    core = createReaderCore({ dataDir: join(base, 'data2'), bundledBookDir: bookDir, indexOnImport: false });
    expect(core.bundledImport).toMatchObject({ added: [], updated: [], removed: [], unchanged: 3 });
    // Importing the same folder explicitly refreshes the bundled entry instead of adding a copy.
    expect((await core.importBook({ dir: bookDir })).bookId).toBe('bundled');
    expect(await core.listBooks({})).toHaveLength(1);
  });
});

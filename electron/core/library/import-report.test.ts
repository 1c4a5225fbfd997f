/**
 * The import report is kept with the book: a re-import that renders nothing reports the whole book, the report can
 * be read back later, and a one-chapter result from a folder of many pages is a warning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CraftedBooks } from '../../../tests/fixtures/crafted-book.js';
import { createReaderCore } from '../reader-core.js';
import type { PlanReport } from './book/types.js';
import { importBookFolder } from './import-book.js';
import { noDiagnostics, type RenderedChapter } from './render/types.js';
import { LibraryStore, type ChapterPlacement } from './store/library-store.js';

const books = new CraftedBooks();
let data: string;
let store: LibraryStore;
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'reader-report-data-'));
  store = new LibraryStore(join(data, 'library.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(data, { recursive: true, force: true });
  books.cleanup();
});

/** A d2l-style book whose table of contents names one page while the folder holds five. */
const oneOfMany = () =>
  books.folder({
    'index.md': '# Robot Notes\n\n```toc\n:maxdepth: 1\n\nonly\n```\n',
    'only.md': '# The listed page\n\nWheels turn.\n',
    'loose-a.md': '# Loose A\n\nGears mesh.\n',
    'loose-b.md': '# Loose B\n\nBelts slip.\n',
    'loose-c.md': '# Loose C\n\nSprings store energy.\n',
  });

const placement = (id: string, ord: number): ChapterPlacement => ({ id, file: `${id}.md`, title: id, depth: 0, ord, parents: [], contentHash: `h-${id}` });
const chapter = (diagnostics: Partial<RenderedChapter['diagnostics']>): RenderedChapter => ({
  title: 't',
  html: '<h1>t</h1>',
  anchorText: { text: 't', headings: [] },
  text: 't',
  outline: [],
  sections: [],
  diagnostics: { ...noDiagnostics(), ...diagnostics },
});
const planReport = (order: string): PlanReport => ({ order, notes: [], notInSidebar: ['b.md'], excluded: [{ file: '_part.md', reason: 'a partial' }], warnings: [] });

describe('stored import report', () => {
  it('keeps each chapter diagnostics and the plan report, whatever the last import rendered', () => {
    const book = { id: 'bk', title: 'B', sourceDir: '/b', flavor: 'docusaurus', bundled: false };
    const rendered = new Map([
      ['a', chapter({ unknownComponents: ['Quiz'], unresolvedLinks: ['missing.md'] })],
      ['b', chapter({ mdxFallback: 'not valid MDX', unknownComponents: ['Quiz', 'Chart'], unresolvedImages: ['/img/x.png'] })],
    ]);
    store.applyImport(book, [placement('a', 0), placement('b', 1)], rendered, [], { planReport: planReport('sidebars.js'), skipped: [], fingerprint: null, tocLinks: [] });
    const first = store.importReport('bk');
    expect(first).toEqual({
      order: 'sidebars.js',
      notes: [],
      notInSidebar: ['b.md'],
      excluded: [{ file: '_part.md', reason: 'a partial' }],
      warnings: [],
      mdxFallbacks: [{ file: 'b.md', reason: 'not valid MDX' }],
      unknownComponents: [
        { name: 'Chart', files: ['b.md'] },
        { name: 'Quiz', files: ['a.md', 'b.md'] },
      ],
      unresolvedLinks: [{ file: 'a.md', target: 'missing.md' }],
      unresolvedImages: [{ file: 'b.md', target: '/img/x.png' }],
    });

    // Nothing re-rendered: the report is the same. A new plan report replaces the old one.
    store.applyImport(book, [placement('a', 0), placement('b', 1)], new Map(), [], { planReport: planReport('folders'), skipped: [], fingerprint: null, tocLinks: [] });
    expect(store.importReport('bk')).toEqual({ ...first, order: 'folders' });

    // A re-rendered chapter replaces its own diagnostics; a removed chapter takes its diagnostics with it.
    store.applyImport(book, [placement('a', 0)], new Map([['a', chapter({})]]), ['b'], { planReport: planReport('folders'), skipped: [], fingerprint: null, tocLinks: [] });
    expect(store.importReport('bk')).toMatchObject({ mdxFallbacks: [], unknownComponents: [], unresolvedLinks: [], unresolvedImages: [] });
    expect(store.importReport('nope')).toBeNull();
  });

  it('a re-import of an unchanged book reports the whole book again, and getImportReport reads it back', async () => {
    const dir = oneOfMany();
    const first = await importBookFolder(store, dir);
    expect(first.chapterCount).toBe(1);
    expect(first.report.warnings).toEqual([expect.stringMatching(/^Only 1 chapter was imported, but the folder holds 5 Markdown pages/)]);
    const again = await importBookFolder(store, dir);
    expect(again).toMatchObject({ unchanged: 1, added: [], updated: [] });
    expect(again.report).toEqual(first.report);

    store.close();
    const core = createReaderCore({ dataDir: data, indexOnImport: false });
    try {
      expect(await core.getImportReport({ bookId: first.bookId })).toEqual({ report: first.report });
      await expect(core.getImportReport({ bookId: 'not-a-book' })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await core.close();
      store = new LibraryStore(join(data, 'library.sqlite'));
    }
  });

  it('counts the pages of a Docusaurus book in its own docs folder: a one-page second docs instance is no warning', async () => {
    const many = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`docs/${n}.md`, `# Page ${n}\n\nText.\n`]));
    const r = await importBookFolder(store, books.folder({
      'docusaurus.config.js': "module.exports = { title: 'Two', presets: [['classic', {}]], plugins: [['@docusaurus/plugin-content-docs', { id: 'labs', path: 'labs', routeBasePath: 'labs' }]] };",
      ...many,
      'labs/only.md': '# The one lab\n\nDo it.\n',
    }));
    expect(r.chapterCount).toBe(4);
    expect(r.moreBooks.map((b) => [b.chapterCount, b.report.warnings])).toEqual([[1, []]]);
  });

  it('does not warn about a small book or a many-chapter one', async () => {
    const small = await importBookFolder(store, books.folder({ 'only.md': '# Only\n\nOne page.\n', 'notes.md': '# Notes\n\nAnother.\n' }));
    expect(small.report.warnings).toEqual([]);
    const single = await importBookFolder(store, books.folder({ 'only.md': '# Only\n\nOne page.\n' }));
    expect(single.report.warnings).toEqual([]);
  });

  it('a library from before reports were kept migrates, and its chapters render once more to fill the report', async () => {
    const dir = oneOfMany();
    const first = await importBookFolder(store, dir);
    // Back to schema 1: no report columns, no highlight or sync tables.
    store.db.exec(
      'DROP TABLE sync_kept; DROP TABLE sync_remote_progress; DROP TABLE sync_parked; DROP TABLE sync_outbox; DROP TABLE sync_state; DROP INDEX books_by_key; ALTER TABLE books DROP COLUMN book_key;',
    );
    store.db.exec('DROP TABLE ask_messages; DROP TABLE ask_threads; DROP TABLE annotations; ALTER TABLE chapters DROP COLUMN anchor_text;');
    store.db.exec(
      ['books DROP COLUMN toc_links', 'books DROP COLUMN plan_report', 'books DROP COLUMN skipped', 'books DROP COLUMN source_fingerprint', 'chapters DROP COLUMN diagnostics'].map((a) => `ALTER TABLE ${a};`).join('') + 'PRAGMA user_version = 1;',
    );
    store.close();
    store = new LibraryStore(join(data, 'library.sqlite'));
    expect(store.importReport(first.bookId)).toBeNull();
    const again = await importBookFolder(store, dir);
    expect(again).toMatchObject({ updated: [expect.any(String)], unchanged: 0 });
    expect(again.report).toEqual(first.report);
    expect((await importBookFolder(store, dir)).unchanged).toBe(1);
  });
});

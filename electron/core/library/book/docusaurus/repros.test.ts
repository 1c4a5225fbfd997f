/**
 * The Docusaurus repros beside the repository (`../shared/bench/docusaurus-repros`, see its README): the planning
 * side of each (order, ids, the i18n folder, URL aliases), and links between their pages once imported.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBookFolder } from '../../import-book.js';
import type { LibraryStore } from '../../store/library-store.js';
import { tempLibrary, type TempLibrary } from '../../test-support/temp-library.js';
import { planBook } from '../plan-book.js';

const REPROS = resolve(__dirname, '../../../../../../shared/bench/docusaurus-repros');

let lib: TempLibrary;
let store: LibraryStore;
beforeAll(() => ({ store } = lib = tempLibrary('reader-repros-')));
afterAll(() => lib?.remove());

describe('docusaurus repros', () => {
  it('numprefix: version-like folder prefixes stay in ids, so the sidebar order holds', () => {
    const plan = planBook(join(REPROS, 'numprefix'));
    expect(plan.chapters.map((c) => [c.file, c.parents])).toEqual([
      ['docs/intro.md', []],
      ['docs/1.1-basics/first.md', ['Basics']],
      ['docs/1.1-basics/second.md', ['Basics']],
      ['docs/outro.md', []],
    ]);
    expect(plan.report.notInSidebar).toEqual([]);
    expect(plan.chapters[1]!.aliases).toContain('/docs/1.1-basics/first');
  });

  it('i18nfolder: a docs subfolder named i18n holds pages, in sidebar order, and links to it resolve', async () => {
    const plan = planBook(join(REPROS, 'i18nfolder'));
    expect(plan.chapters.map((c) => c.file)).toEqual(['docs/intro.md', 'docs/i18n/tutorial.md']);
    const r = await importBookFolder(store, join(REPROS, 'i18nfolder'));
    expect(r.chapterCount).toBe(2);
    expect(r.report.unresolvedLinks).toEqual([]);
  });

  it('folderlinks: the folder index page answers to its folder URL with and without a trailing slash', async () => {
    const plan = planBook(join(REPROS, 'folderlinks'));
    const sub = plan.chapters.find((c) => c.file === 'docs/sub/index.md')!;
    expect(sub.aliases).toEqual(expect.arrayContaining(['/docs/sub', '/docs/sub/index']));
    const r = await importBookFolder(store, join(REPROS, 'folderlinks'));
    expect(r.report.unresolvedLinks).toEqual([]);
  });

  it('mdxinmd: .md pages are MDX by default, like .mdx ones', () => {
    const plan = planBook(join(REPROS, 'mdxinmd'));
    expect(plan.chapters.map((c) => [c.file, c.format])).toEqual([['docs/page.md', 'mdx'], ['docs/page2.mdx', 'mdx']]);
    expect(plan.site?.markdownFormat).toBe('mdx');
  });
});

/**
 * The shared Docusaurus repros (../shared/bench/docusaurus-repros) imported into a temp library: what the rendering
 * half decides (folder links, MDX features in .md and .mdx pages) must come out as Docusaurus builds it.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTrustedBookFolder } from './import-book.js';
import type { LibraryStore } from './store/library-store.js';
import { tempLibrary, type TempLibrary } from './test-support/temp-library.js';

const REPROS = resolve(__dirname, '../../../../shared/bench/docusaurus-repros');

let lib: TempLibrary;
let store: LibraryStore;
beforeAll(() => ({ store } = lib = tempLibrary('reader-repros-')));
afterAll(() => lib?.remove());

function chapterHtml(bookId: string, file: string): string {
  const entry = store.getToc(bookId).find((t) => t.file === file);
  expect(entry, file).toBeDefined();
  return store.openChapter(bookId, entry!.id)!.html;
}

describe('folderlinks', () => {
  it('links a folder with and without a trailing slash, as a file and as a site URL, to its index page', () => {
    const r = importTrustedBookFolder(store, join(REPROS, 'folderlinks'));
    const sub = store.getToc(r.bookId).find((t) => t.file === 'docs/sub/index.md')!;
    const html = chapterHtml(r.bookId, 'docs/start.md');
    const links = [...html.matchAll(/<a href="#" data-chapter-id="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]);
    expect(links).toEqual(['slash', 'noslash', 'site url slash', 'site url', 'file'].map((label) => [label, sub.id]));
    expect(r.report.unresolvedLinks).toEqual([]);
  });
});

describe('mdxinmd', () => {
  const expectDocusaurusPage = (html: string, label: string) => {
    expect(html, label).toMatch(/<div class="tabs"><div class="tab-panel" data-tab-value="py" data-tab-label="Python" data-tab-default="true">/);
    expect(html, label).toContain('data-tab-value="js" data-tab-label="JavaScript"');
    expect(html, label).toContain('<details><summary>Click to see the <code>answer</code></summary>');
    // the mdx-code-block fence is rendered, not shown as code
    expect(html, label).toContain('data-tab-label="A"');
    expect(html, label).not.toContain('mdx-code-block');
    expect(html, label).toContain('<span class="code-line code-line-highlighted">');
    expect(html, label).not.toMatch(/import Tabs|an MDX comment|highlight-next-line|&#x3C;Tabs/);
  };

  it('renders the .mdx page as Docusaurus does', () => {
    const r = importTrustedBookFolder(store, join(REPROS, 'mdxinmd'));
    expectDocusaurusPage(chapterHtml(r.bookId, 'docs/page2.mdx'), 'page2.mdx');
    expect(r.report.mdxFallbacks).toEqual([]);
    expect(r.report.unknownComponents).toEqual([]);
  });

  it('renders the .md page the same way: the site format (mdx, the Docusaurus default) reaches the renderer', () => {
    const r = importTrustedBookFolder(store, join(REPROS, 'mdxinmd'));
    expectDocusaurusPage(chapterHtml(r.bookId, 'docs/page.md'), 'page.md');
  });
});

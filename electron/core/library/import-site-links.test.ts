/**
 * Links written as relative URLs (no `.md`): Docusaurus leaves them to the browser, which resolves them against the
 * page's own URL. For a folder's index page that URL is the folder itself, so `./b` there is a sibling of the
 * folder, not a file inside it; with `trailingSlash: true` it is inside. Where the URL leads nowhere, the file the
 * link names is still followed (kinder than the site's 404).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTrustedBookFolder } from './import-book.js';
import { LibraryStore } from './store/library-store.js';

let base: string;
let store: LibraryStore;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'reader-site-links-'));
  store = new LibraryStore(join(base, 'library.sqlite'));
});
afterAll(() => {
  store.close();
  rmSync(base, { recursive: true, force: true });
});

function site(name: string, config: string): string {
  const root = join(base, name);
  const files: Record<string, string> = {
    'docusaurus.config.js': config,
    'docs/overview.md': '# Course overview\n',
    'docs/unit-1/index.md': '# Unit one\n\n[overview](./overview), [next unit](./unit-2/), [lesson](./lesson), [up](../docs/overview)\n',
    'docs/unit-1/lesson.md': '# Lesson\n\n[capstone](./capstone) and [back](../overview)\n',
    'docs/unit-1/capstone.md': '# Capstone\n',
    'docs/unit-1/overview.md': '# Unit overview\n',
    'docs/unit-2/index.md': '# Unit two\n',
    'docs/unit-2/faq.md': '# FAQ\n\n[docs-root file](unit-1/capstone.md) and [beside](../overview.md)\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

function linksOf(bookId: string, file: string): Record<string, string | null> {
  const toc = store.getToc(bookId);
  const fileOf = new Map(toc.map((t) => [t.id, t.file]));
  const entry = toc.find((t) => t.file === file)!;
  const html = store.openChapter(bookId, entry.id)!.html;
  const out: Record<string, string | null> = {};
  for (const m of html.matchAll(/<a href="#" data-chapter-id="([^"]+)">([^<]+)<\/a>|<span class="unresolved-link"[^>]*>([^<]+)<\/span>/g)) {
    if (m[2]) out[m[2]] = fileOf.get(m[1]!) ?? null;
    else out[m[3]!] = null;
  }
  return out;
}

describe('relative URL links in a Docusaurus site', () => {
  it('resolve against the page URL: from a folder index page, ./x is a sibling of the folder', () => {
    const r = importTrustedBookFolder(store, site('default', "module.exports = { title: 'Links' };"));
    expect(linksOf(r.bookId, 'docs/unit-1/index.md')).toEqual({
      overview: 'docs/overview.md',
      'next unit': 'docs/unit-2/index.md',
      // /docs/lesson does not exist (a 404 on the site); the reader still follows the file the words name
      lesson: 'docs/unit-1/lesson.md',
      up: 'docs/overview.md',
    });
    expect(linksOf(r.bookId, 'docs/unit-1/lesson.md')).toEqual({ capstone: 'docs/unit-1/capstone.md', back: 'docs/overview.md' });
  });

  it('a Markdown file link resolves beside the page, then from the docs folder top (as Docusaurus does)', () => {
    const r = importTrustedBookFolder(store, site('root-links', "module.exports = { title: 'Links' };"));
    expect(linksOf(r.bookId, 'docs/unit-2/faq.md')).toEqual({ 'docs-root file': 'docs/unit-1/capstone.md', beside: 'docs/overview.md' });
  });

  it('with trailingSlash: true, a folder index page resolves inside its folder', () => {
    const r = importTrustedBookFolder(store, site('slash', "module.exports = { title: 'Links', trailingSlash: true };"));
    expect(linksOf(r.bookId, 'docs/unit-1/index.md')).toMatchObject({ overview: 'docs/unit-1/overview.md', lesson: 'docs/unit-1/lesson.md' });
    // the URL wins over the file beside the page: `../overview` from `/docs/unit-1/lesson/` is the unit's overview
    expect(linksOf(r.bookId, 'docs/unit-1/lesson.md')).toEqual({ capstone: 'docs/unit-1/capstone.md', back: 'docs/unit-1/overview.md' });
  });

  it('a re-import renders again the chapters whose link targets or images appeared since', () => {
    const root = join(base, 'grows');
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docusaurus.config.js'), "module.exports = { title: 'Grows' };");
    writeFileSync(join(root, 'docs/p.md'), '# P\n\n![the picture](./pic.png) and [the notes](./notes.pdf)\n');
    writeFileSync(join(root, 'docs/q.md'), '# Q\n\n[to r](./r.md)\n');
    const first = importTrustedBookFolder(store, root);
    expect(first.report.unresolvedLinks.map((l) => l.target).sort()).toEqual(['./notes.pdf', './r.md']);
    expect(first.report.unresolvedImages.map((l) => l.target)).toEqual(['./pic.png']);
    writeFileSync(join(root, 'docs/pic.png'), 'png');
    writeFileSync(join(root, 'docs/notes.pdf'), '%PDF-1.4\n');
    writeFileSync(join(root, 'docs/r.md'), '# R\n');
    const again = importTrustedBookFolder(store, root);
    expect(again.report.unresolvedLinks).toEqual([]);
    expect(again.report.unresolvedImages).toEqual([]);
    expect(linksOf(again.bookId, 'docs/q.md')).toEqual({ 'to r': 'docs/r.md' });
  });
});

// @vitest-environment happy-dom
// The page's modules run here under the Node tsconfig: they iterate DOM lists.
/// <reference lib="dom.iterable" />
/**
 * The page cuts a chapter's stored HTML between top-level nodes without parsing it (renderer
 * components/html-parts.ts) and parses the parts one by one as they go in. For every chapter of real imported books
 * (the bundled book with its maths, a course corpus), cut small, every part parsed alone gives the same DOM as the
 * whole chapter parsed at once.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBookFolder } from '../../electron/core/library/import-book.js';
import { LibraryStore } from '../../electron/core/library/store/library-store.js';
import { topLevelParts } from '../../renderer/src/components/html-parts.js';
import { allParts } from '../../renderer/test/progressive-chapter.js';

const BUNDLED = resolve(__dirname, '../../resources/book');
const DEEP_RL = resolve(__dirname, '../../../shared/corpora/deep-rl-class');

let data: string;
let store: LibraryStore;
const bookIds: string[] = [];

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'reader-html-parts-'));
  store = new LibraryStore(join(data, 'library.sqlite'));
  for (const dir of [BUNDLED, DEEP_RL].filter((d) => existsSync(d))) bookIds.push((await importBookFolder(store, dir)).bookId);
}, 300_000);

afterAll(() => {
  store?.close();
  rmSync(data, { recursive: true, force: true });
});

function fragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function parsed(html: string): string {
  const div = document.createElement('div');
  div.append(fragment(html));
  return div.innerHTML;
}

const PART = 500;

/**
 * The cutter went on to the end (it stops at markup that does not nest as expected): what comes before the last
 * part's final top-level node is shorter than a part, else it would have been cut there.
 */
function cutToTheEnd(last: string): boolean {
  const nodes = [...fragment(last).childNodes];
  while (nodes.length > 0 && nodes.at(-1)!.nodeType === Node.TEXT_NODE && !nodes.at(-1)!.textContent!.trim()) nodes.pop();
  nodes.pop();
  const before = nodes.reduce((n, node) => n + (node instanceof Element ? node.outerHTML.length : (node.textContent ?? '').length), 0);
  return before < PART + 100; // serialised again, markup may differ a little from the stored HTML
}

describe('cutting stored chapters between top-level nodes', () => {
  it('every part parsed alone gives what the whole chapter parsed at once gives, and no chapter stops the cutting', () => {
    let chapters = 0;
    let cut = 0;
    let withMath = 0;
    for (const id of bookIds) {
      for (const entry of store.getToc(id)) {
        const html = store.openChapter(id, entry.id)!.html;
        const parts = allParts(topLevelParts(html, PART));
        // Long chapters get cut, to the end: the markup nests as the cutter expects.
        if (html.length > 2_000) expect(parts.length, entry.file).toBeGreaterThan(1);
        expect(cutToTheEnd(parts.at(-1) ?? ''), entry.file).toBe(true);
        if (parts.length > 1) cut++;
        if (html.includes('class="katex"')) withMath++;
        expect(parts.join('')).toBe(html);
        expect(parts.map(parsed).join(''), entry.file).toBe(parsed(html));
        chapters++;
      }
    }
    expect(chapters).toBeGreaterThan(10);
    expect(cut).toBeGreaterThan(10);
    expect(withMath).toBeGreaterThan(0);
  });

  it('notices a chapter whose cutting stopped early', () => {
    const html = `${'<p>a paragraph of some length, to be cut after.</p>'.repeat(30)}</div>${'<p>more text after the stray close.</p>'.repeat(30)}`;
    const parts = allParts(topLevelParts(html, PART));
    expect(cutToTheEnd(parts.at(-1)!)).toBe(false);
  });
});

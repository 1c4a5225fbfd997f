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
import { partsAt, topLevelCuts } from '../../renderer/src/components/html-parts.js';

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

function parsed(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  const div = document.createElement('div');
  div.append(template.content);
  return div.innerHTML;
}

describe('cutting stored chapters between top-level nodes', () => {
  it('every part parsed alone gives what the whole chapter parsed at once gives', () => {
    let chapters = 0;
    let cut = 0;
    let withMath = 0;
    for (const id of bookIds) {
      for (const entry of store.getToc(id)) {
        const html = store.openChapter(id, entry.id)!.html;
        const cuts = topLevelCuts(html, 500);
        // Long chapters get cut: the markup nests as the cutter expects.
        if (html.length > 2_000) expect(cuts.length, entry.file).toBeGreaterThan(0);
        if (cuts.length > 0) cut++;
        if (html.includes('class="katex"')) withMath++;
        const parts = partsAt(html, cuts);
        expect(parts.join('')).toBe(html);
        expect(parts.map(parsed).join(''), entry.file).toBe(parsed(html));
        chapters++;
      }
    }
    expect(chapters).toBeGreaterThan(10);
    expect(cut).toBeGreaterThan(10);
    expect(withMath).toBeGreaterThan(0);
  });
});

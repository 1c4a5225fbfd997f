// @vitest-environment happy-dom
// The page's modules run here under the Node tsconfig: they iterate DOM lists.
/// <reference lib="dom.iterable" />
/**
 * The page's anchor text (renderer annotations/chapter-text.ts, read from the live DOM) equals the engine's
 * (core library/render/anchor-text.ts, read from the stored HTML) for every chapter of real imported books: the
 * bundled book (maths), a course corpus, and a small Docusaurus site of ours with tabs, maths and a diagram; also
 * after the page has turned tab groups into tabs (its buttons are not book text).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorTextOfHtml } from '../../electron/core/library/render/anchor-text.js';
import { importBookFolder } from '../../electron/core/library/import-book.js';
import { LibraryStore } from '../../electron/core/library/store/library-store.js';
import { readChapterText } from '../../renderer/src/annotations/chapter-text.js';
import { enhanceTabs } from '../../renderer/src/components/chapter-tabs.js';
import { CraftedBooks } from '../fixtures/crafted-book.js';

const BUNDLED = resolve(__dirname, '../../resources/book');
const DEEP_RL = resolve(__dirname, '../../../shared/corpora/deep-rl-class');

const SITE = {
  'docusaurus.config.js': "module.exports = { markdown: { mermaid: true }, presets: [['classic', { docs: { routeBasePath: '/' } }]] };",
  'docs/intro.mdx': `# Moving a legged robot

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

Balance needs the centre of mass $c = \\frac{1}{m}\\sum_i m_i x_i$ over the support polygon &amp; a fast loop.

<Tabs groupId="platform">
<TabItem value="sim" label="Simulator">

In the simulator the **gains** can be tuned freely.

</TabItem>
<TabItem value="hw" label="Hardware" default>

On hardware, start with *low* gains.

</TabItem>
</Tabs>

$$
\\tau = K_p (q^* - q) - K_d \\dot q
$$

\`\`\`mermaid
graph LR
  sense --> plan --> act
\`\`\`

| joint | limit |
|---|---|
| knee | 2.1 rad |
`,
};

const books = new CraftedBooks();
let data: string;
let store: LibraryStore;
const bookIds: { name: string; id: string }[] = [];

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'reader-anchor-text-'));
  store = new LibraryStore(join(data, 'library.sqlite'));
  const dirs: [string, string][] = [
    ['bundled', BUNDLED],
    ['crafted site', books.folder(SITE)],
  ];
  if (existsSync(DEEP_RL)) dirs.push(['deep-rl-class', DEEP_RL]);
  for (const [name, dir] of dirs) bookIds.push({ name, id: (await importBookFolder(store, dir)).bookId });
}, 300_000);

afterAll(() => {
  store?.close();
  rmSync(data, { recursive: true, force: true });
  books.cleanup();
});

function chapterBody(html: string): HTMLElement {
  const body = document.createElement('div');
  body.className = 'chapter-body';
  // happy-dom's parser (not browsers') garbles text holding a literal "-->" after an escaped "<!--" (a highlighted
  // XML comment in code): the test writes that "-->" escaped, which means the same text. Stored chapters hold no comments.
  expect(html).not.toContain('<!--');
  body.innerHTML = html.replaceAll('-->', '--&gt;');
  document.body.replaceChildren(body);
  return body;
}

describe('the page reads the same anchor text as the engine', () => {
  it('for every chapter, before and after tabs are made', () => {
    let chapters = 0;
    let withTabs = 0;
    let withMath = 0;
    for (const { name, id } of bookIds) {
      for (const entry of store.getToc(id)) {
        const html = store.openChapter(id, entry.id)!.html;
        const expected = anchorTextOfHtml(html);
        const body = chapterBody(html);
        expect(readChapterText(body).text, `${name}: ${entry.file}`).toBe(expected);
        const undo = enhanceTabs(body);
        if (body.querySelector('[role="tab"]')) withTabs++;
        if (body.querySelector('.katex')) withMath++;
        expect(readChapterText(body).text, `${name}: ${entry.file} with tabs`).toBe(expected);
        undo();
        chapters++;
      }
    }
    // The comparison covered what it is for: many chapters, tab buttons the page adds, maths.
    expect(chapters).toBeGreaterThan(20);
    expect(withTabs).toBeGreaterThan(0);
    expect(withMath).toBeGreaterThan(0);
  });

  it('leaves out the page’s tab buttons and keeps the words', () => {
    const { id } = bookIds.find((b) => b.name === 'crafted site')!;
    const [entry] = store.getToc(id);
    const body = chapterBody(store.openChapter(id, entry!.id)!.html);
    enhanceTabs(body);
    const text = readChapterText(body).text;
    expect(text).toContain('the gains can be tuned freely');
    expect(text).toContain('support polygon & a fast loop');
    expect(body.querySelector('[role="tab"]')?.textContent).toBe('Simulator');
    expect(text).not.toContain('SimulatorHardware');
  });

  it('keeps maths’ spoken form and leaves out its TeX source', () => {
    const withMath = bookIds
      .flatMap(({ id }) => store.getToc(id).map((e) => store.openChapter(id, e.id)!.html))
      .filter((html) => html.includes('<annotation'))
      .map(chapterBody)[0]!;
    const text = readChapterText(withMath).text;
    const source = withMath.querySelector('annotation')!.textContent!;
    const spoken = [...withMath.querySelector('math')!.querySelectorAll('mi, mo, mn')].map((n) => n.textContent).join('');
    expect(source).toMatch(/[\\^_{]/);
    expect(text).not.toContain(source);
    expect(text).toContain(spoken);
  });
});

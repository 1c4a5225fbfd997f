/**
 * The two real test corpora import completely, in the order their own tables of contents give, with no source
 * markup left in what the reader shows. Expected orders are read from the corpora here with simple line scans,
 * independently of the importer's parsers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBookFolder, type LibraryImportResult } from './import-book.js';
import { LibraryStore } from './store/library-store.js';

const CORPORA = resolve(__dirname, '../../../../shared/corpora');
const DEEP_RL = join(CORPORA, 'deep-rl-class');
const D2L = join(CORPORA, 'd2l-en');

// `[[anchor]]` heading suffixes are checked on headings: `[[x]]` is also ordinary Python in code.
const ANCHOR_SUFFIX = /\[\[[\w-]+\]\]/;
// A raw fence or `$$` in the text means Markdown was swallowed by an unclosed block.
const LEAKS = ['```', '$$', ':::', '<Tip', '</Tip>', ':label:', ':numref:', ':eqref:', ':cite:', ':width:', '{.python .input}', ':begin_tab:', ':end_tab:', '#@tab', '%%tab', '<Question', '<Youtube', '<CourseFloatingBanner'];

let dir: string;
let store: LibraryStore;
let rl: LibraryImportResult;
let d2l: LibraryImportResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reader-corpora-'));
  store = new LibraryStore(join(dir, 'library.sqlite'));
  let t = performance.now();
  rl = await importBookFolder(store, DEEP_RL);
  console.log(`deep-rl-class import: ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  d2l = await importBookFolder(store, D2L);
  console.log(`d2l-en import: ${Math.round(performance.now() - t)} ms`);
}, 400_000); // generous: CI machines are shared and d2l-en is 191 chapters

afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function allChapters(bookId: string) {
  return store.getToc(bookId).map((t) => ({ ...t, view: store.openChapter(bookId, t.id)!, text: store.chapterTextByFile(bookId, t.file)! }));
}

describe('deep-rl-class (HF course, MDX)', () => {
  const locals = readFileSync(join(DEEP_RL, 'units/en/_toctree.yml'), 'utf8')
    .split('\n')
    .map((l) => /^\s*-?\s*local:\s*(\S+)/.exec(l)?.[1])
    .filter((l): l is string => !!l)
    .map((l) => `units/en/${l}.mdx`);

  it('imports every toctree page, in toctree order, with toctree titles and unit groups', () => {
    expect(rl.chapterCount).toBe(114);
    expect(locals).toHaveLength(114);
    const toc = store.getToc(rl.bookId);
    expect(toc.map((t) => t.file)).toEqual(locals);
    expect(toc[0]).toMatchObject({ file: 'units/en/unit0/introduction.mdx', title: 'Welcome to the course 🤗', parents: ['Unit 0. Welcome to the course'] });
    expect(toc.at(-1)).toMatchObject({ file: 'units/en/communication/certification.mdx', title: 'Get your certificate of completion' });
  });

  it('leaves no raw MDX or HF markup in the text, and no scripts or handlers in the HTML', () => {
    for (const ch of allChapters(rl.bookId)) {
      for (const leak of LEAKS) expect(ch.text.includes(leak), `${leak} in ${ch.file}`).toBe(false);
      expect(ch.view.outline.filter((o) => ANCHOR_SUFFIX.test(o.text)), ch.file).toEqual([]);
      expect(ch.view.html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
    }
  });

  it('renders Tip boxes, math and quizzes from the real pages', () => {
    const framework = store.openChapter(rl.bookId, 'units/en/unit1/rl-framework')!;
    expect(framework.html).toContain('class="admonition admonition-tip"');
    expect(framework.html).toContain('<math');
    expect(framework.outline[0]).toEqual({ depth: 1, text: 'The Reinforcement Learning Framework', anchor: 'the-reinforcement-learning-framework' });
    expect(store.openChapter(rl.bookId, 'units/en/unit1/quiz')!.html).toContain('<div class="quiz">');
  });
});

describe('d2l-en (d2l-book Markdown)', () => {
  /** Toc entries of index.md and chapter_*\/index.md, in file order (each listed once in the book). */
  const tocLines = (file: string) => {
    const out: string[] = [];
    let inToc = false;
    for (const line of readFileSync(join(D2L, file), 'utf8').split('\n')) {
      if (line.startsWith('```toc')) inToc = true;
      else if (line.startsWith('```')) inToc = false;
      else if (inToc && line.trim() && !line.trim().startsWith(':')) out.push(line.trim());
    }
    return out;
  };
  const top = tocLines('index.md').map((e) => `${e.replace(/\.md$/, '')}.md`);

  it('imports every page the toc blocks reach, chapters followed by their sections', () => {
    const expected: string[] = [];
    for (const chapter of top) {
      expected.push(chapter);
      if (chapter.endsWith('/index.md')) {
        const folder = chapter.slice(0, -'index.md'.length);
        expected.push(...tocLines(chapter).map((e) => `${folder}${e.replace(/\.md$/, '')}.md`));
      }
    }
    const toc = store.getToc(d2l.bookId);
    expect(d2l.chapterCount).toBe(191);
    expect(toc.map((t) => t.file)).toEqual(expected);
    expect(toc.slice(0, 6).map((t) => [t.file, t.depth])).toEqual([
      ['chapter_preface/index.md', 0],
      ['chapter_installation/index.md', 0],
      ['chapter_notation/index.md', 0],
      ['chapter_introduction/index.md', 0],
      ['chapter_preliminaries/index.md', 0],
      ['chapter_preliminaries/ndarray.md', 1],
    ]);
    expect(toc.at(-1)).toMatchObject({ file: 'chapter_references/zreferences.md', depth: 0 });
    expect(toc.find((t) => t.file === 'chapter_linear-regression/linear-regression-scratch.md')!.title).toBe('Linear Regression Implementation from Scratch');
  });

  it('leaves no d2l markup in the text', () => {
    for (const ch of allChapters(d2l.bookId)) {
      // The contributing guide documents d2l's own markup in inline code.
      const leaks = ch.file.endsWith('/contributing.md') ? LEAKS.filter((l) => !l.includes('tab')) : LEAKS;
      for (const leak of leaks) expect(ch.text.includes(leak), `${leak} in ${ch.file}`).toBe(false);
      expect(ch.view.outline.filter((o) => ANCHOR_SUFFIX.test(o.text) || o.text.includes('**')), ch.file).toEqual([]);
      expect(ch.view.html).not.toMatch(/<script|\son[a-z]+=/i);
    }
    // Slide markers `(**text**)` / `[**text**]` in prose (code has `f(**kwargs)`, prose a bare `(**)` operator).
    for (const ch of store.listChaptersWithSections(d2l.bookId)) {
      const prose = ch.sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'prose').map((b) => b.text)).join('\n');
      expect(prose, ch.file).not.toMatch(/[([]\*\*\w|\w\*\*[)\]]/);
    }
  });

  it('keeps one framework: the PyTorch tab and cells, not four copies', () => {
    const scratch = store.openChapter(d2l.bookId, 'chapter_linear-regression/linear-regression-scratch')!;
    const text = store.chapterTextByFile(d2l.bookId, scratch.file)!;
    // The source has the discussion link once per framework (mxnet, pytorch, tensorflow, jax).
    expect(scratch.html.match(/discuss\.d2l\.ai/g)).toHaveLength(1);
    expect(scratch.html).toContain('https://discuss.d2l.ai/t/43'); // the PyTorch one
    expect(text).toContain('The zero_grad method sets all gradients to 0');
    expect(text).not.toContain('It accepts a batch_size argument that can be ignored'); // MXNet-only prose
    expect(text).toContain('import torch');
    expect(text).not.toMatch(/from mxnet import|import tensorflow|import jax/);
  });

  it('turns labels into anchors and :numref: into links to the labelled chapter', () => {
    const scratch = store.openChapter(d2l.bookId, 'chapter_linear-regression/linear-regression-scratch')!;
    expect(scratch.html).toContain('<h1 id="sec_linear_scratch">');
    expect(scratch.html).toMatch(/<a href="#sec_synthetic-regression-data" data-chapter-id="chapter_linear-regression\/synthetic-regression-data" data-anchor="sec_synthetic-regression-data">/);
  });

  it('renders absent figures as their caption text, never as broken images', () => {
    for (const ch of allChapters(d2l.bookId)) expect(ch.view.html, ch.file).not.toContain('<img');
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../electron/core/contract.js';
import { offsetsOfRange, rangeOfOffsets, readChapterText } from './chapter-text.js';
import { clearHighlightMarks, paintableOf, paintHighlights, type PaintedHighlight } from './paint-highlights.js';

const HTML =
  '<h1 id="t">Balance</h1>\n<p>A <strong>legged</strong> robot keeps its <em>centre of mass</em> over its feet.</p>\n' +
  '<ul>\n<li>Ankle strategy</li>\n<li>Hip strategy</li>\n</ul>\n<div data-reader-ui=""><button>Tab</button></div><p>Stepping is the last resort.</p>';

function body(html = HTML): HTMLElement {
  const el = document.createElement('div');
  el.className = 'chapter-body';
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

const h = (id: string, start: number, end: number, extra: Partial<PaintedHighlight> = {}): PaintedHighlight => ({
  id, color: 'yellow', start, end, review: false, hasNote: false, hasThread: false, ...extra,
});

/** Offsets of a phrase in the anchor text. */
function at(root: HTMLElement, phrase: string): [number, number] {
  const start = readChapterText(root).text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  return [start, start + phrase.length];
}

afterEach(() => document.body.replaceChildren());

describe('chapter text and offsets', () => {
  it('leaves out what the page added and maps a selection across elements to offsets and back', () => {
    const root = body();
    const ct = readChapterText(root);
    expect(ct.text).not.toContain('Tab');
    expect(ct.text).toContain('A legged robot keeps its centre of mass over its feet.');
    const range = document.createRange();
    range.setStart(root.querySelector('strong')!.firstChild!, 2);
    range.setEnd(root.querySelector('em')!.firstChild!, 6);
    const off = offsetsOfRange(ct, range)!;
    expect(ct.text.slice(off.start, off.end)).toBe('gged robot keeps its centre');
    expect(rangeOfOffsets(ct, off.start, off.end)!.toString()).toBe('gged robot keeps its centre');
  });

  it('counts a boundary between elements (a whole paragraph selected) and one inside left-out text', () => {
    const root = body();
    const ct = readChapterText(root);
    const range = document.createRange();
    range.selectNodeContents(root.querySelectorAll('p')[1]!);
    const off = offsetsOfRange(ct, range)!;
    expect(ct.text.slice(off.start, off.end)).toBe('Stepping is the last resort.');
    const inUi = document.createRange();
    inUi.setStart(root.querySelector('button')!.firstChild!, 1);
    inUi.setEnd(root.querySelectorAll('p')[1]!.firstChild!, 8);
    expect(offsetsOfRange(ct, inUi)).toEqual({ start: off.start, end: off.start + 8 });
  });
});

describe('painting highlights', () => {
  it('wraps a highlight spanning elements in one mark per piece, the first focusable, and leaves the text as it was', () => {
    const root = body();
    const before = readChapterText(root).text;
    const [s, e] = at(root, 'legged robot keeps its centre');
    expect(paintHighlights(root, [h('a', s, e, { hasNote: true })])).toBe(1);
    const marks = [...root.querySelectorAll<HTMLElement>('mark.annotation[data-annotation-id="a"]')];
    expect(marks.map((m) => m.textContent)).toEqual(['legged', ' robot keeps its ', 'centre']);
    expect(marks.map((m) => m.tabIndex)).toEqual([0, -1, -1]);
    expect(marks[0]!.dataset.note).toBe('true');
    expect(readChapterText(root).text).toBe(before);
  });

  it('nests overlapping highlights, skips white space between blocks, and clears back to the same DOM', () => {
    const root = body();
    const html = root.innerHTML;
    const [a0, a1] = at(root, 'robot keeps its');
    const [b0, b1] = at(root, 'keeps its centre');
    const [c0, c1] = at(root, 'Ankle strategy\nHip');
    paintHighlights(root, [h('a', a0, a1), h('b', b0, b1, { color: 'blue', review: true }), h('c', c0, c1)]);
    const inner = root.querySelector('mark[data-annotation-id="a"] > mark[data-annotation-id="b"]');
    expect(inner?.textContent).toBe('keeps its');
    expect(root.querySelector<HTMLElement>('mark[data-annotation-id="b"]')!.dataset.review).toBe('true');
    // The list's whitespace text nodes stay bare: no mark directly inside the <ul>.
    expect(root.querySelector('ul > mark')).toBeNull();
    expect([...root.querySelectorAll('mark[data-annotation-id="c"]')].map((m) => m.textContent)).toEqual(['Ankle strategy', 'Hip']);
    clearHighlightMarks(root);
    expect(root.querySelector('mark')).toBeNull();
    expect(root.innerHTML).toBe(html);
  });

  it('paints 500 highlights in one pass, each once', () => {
    const paragraphs = Array.from({ length: 250 }, (_, i) => `<p>Joint ${i} has a <em>torque limit</em> and a speed limit.</p>`).join('\n');
    const root = body(paragraphs);
    const text = readChapterText(root).text;
    const list: PaintedHighlight[] = [];
    let from = 0;
    for (let i = 0; i < 500; i++) {
      const phrase = i % 2 === 0 ? 'torque limit' : 'speed limit';
      const s = text.indexOf(phrase, from);
      list.push(h(`h${i}`, s, s + phrase.length));
      from = s + phrase.length;
    }
    expect(paintHighlights(root, list)).toBe(500);
    expect(root.querySelectorAll('mark.annotation[data-first]')).toHaveLength(500);
    expect(readChapterText(root).text).toBe(text);
  });
});

describe('paintableOf', () => {
  const ann = (id: string, status: 'anchored' | 'review' | 'orphan', chapterId: string | null, start: number, end: number): Annotation => ({
    id, bookId: 'b', color: 'green', note: id === 'x' ? 'a note' : '', noteHtml: '', threadId: null, createdAt: '', updatedAt: '',
    target: { chapterId: 'c1', file: 'a.md', quote: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 1 }, sectionPath: [], contentHash: '' },
    anchor: { status, chapterId, chapterTitle: null, start, end, score: 1, exact: 'q', sectionAnchor: '' },
  });

  it('keeps the chapter’s placed highlights (review too), sorted by start, and never orphans', () => {
    const list = [ann('y', 'anchored', 'c1', 50, 60), ann('x', 'review', 'c1', 10, 20), ann('o', 'orphan', null, 0, 0), ann('z', 'anchored', 'c2', 1, 5)];
    expect(paintableOf(list, 'c1').map((p) => [p.id, p.review, p.hasNote])).toEqual([
      ['x', true, true],
      ['y', false, false],
    ]);
  });
});

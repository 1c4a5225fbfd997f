// @vitest-environment happy-dom
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { topLevelParts } from './html-parts.js';
import { fillProgressively } from './progressive-fill.js';
import { allParts, windowFilledByFirstPart } from '../../test/progressive-chapter.js';

const section = (i: number) =>
  `<h2 id="s${i}">Section ${i}</h2>\n<p>Joint limits of arm ${i} &lt;matter&gt; <a href="#s${i}" title="a > b / c">here</a><br>and there.</p>\n` +
  `<p><span class="katex"><math><semantics><mi>x</mi><annotation encoding="application/x-tex">x_${i}</annotation></semantics></math>` +
  `<svg viewBox="0 0 10 10"><path d="M0 0h10"/></svg></span></p>\n<pre><code>limit_${i} = clamp(angle)\n</code></pre>\n<img src="a.png" alt="">\n`;
const chapter = (n: number) => Array.from({ length: n }, (_, i) => section(i)).join('');

function parsedWhole(html: string): string {
  const t = document.createElement('template');
  t.innerHTML = html;
  const div = document.createElement('div');
  div.append(t.content);
  return div.innerHTML;
}

describe('topLevelParts', () => {
  it('cuts only between top-level nodes, each part at least the asked size, and the parts join back', () => {
    const html = chapter(40);
    const parts = allParts(topLevelParts(html, 1_000));
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join('')).toBe(html);
    for (const part of parts.slice(0, -1)) expect(part.length).toBeGreaterThanOrEqual(1_000);
    // Each part parsed alone gives the same nodes as the whole parsed at once.
    expect(parts.map(parsedWhole).join('')).toBe(parsedWhole(html));
  });

  it('hands out the rest as one part when asked, and nothing after it', () => {
    const html = chapter(40);
    const parts = topLevelParts(html, 1_000);
    const first = parts.next()!;
    const rest = parts.rest();
    expect(first.length).toBeLessThan(html.length);
    expect(first + rest).toBe(html);
    expect(parts.next()).toBeUndefined();
    expect(parts.rest()).toBe('');
  });

  it('stops cutting where markup does not nest as expected: the rest is one part, parsed as it would be whole', () => {
    expect(allParts(topLevelParts(`<div><p>open ${'x'.repeat(3_000)}</p><p>more</p>`, 100))).toHaveLength(1);
    expect(allParts(topLevelParts(`<p>a</p></div><p>${'x'.repeat(3_000)}</p><p>b</p>`, 100))).toHaveLength(1);
    expect(allParts(topLevelParts(section(1), 100_000))).toEqual([section(1)]);
    // A stray close after the first cut: the cut before it stands, and nothing after it is cut.
    const html = `${chapter(3)}</div>${chapter(3)}`;
    const parts = allParts(topLevelParts(html, 500));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.at(-1)!.endsWith(`</div>${chapter(3)}`)).toBe(true);
    expect(parts.join('')).toBe(html);
    expect(parts.map(parsedWhole).join('')).toBe(parsedWhole(html));
  });

  it('reads a > inside a quoted attribute as part of the tag, and a self-closed or void element as closed', () => {
    const html = `<p title="1 > 0">a</p><p><img src="x.png"><svg><path d="M0 0"/></svg></p><p>c</p>`;
    expect(allParts(topLevelParts(html, 1))).toEqual(['<p title="1 > 0">a</p>', '<p><img src="x.png"><svg><path d="M0 0"/></svg></p>', '<p>c</p>']);
  });

  it('cuts two chapters at once without one disturbing the other', () => {
    const a = topLevelParts(chapter(20), 500);
    const b = topLevelParts(chapter(30), 700);
    const fromA = [a.next()!, a.next()!];
    const fromB = [b.next()!, b.next()!];
    expect([...fromA, a.rest()].join('')).toBe(chapter(20));
    expect([...fromB, b.rest()].join('')).toBe(chapter(30));
  });
});

describe('fillProgressively', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function container(): HTMLElement {
    const el = document.createElement('div');
    el.innerHTML = '<p>the previous chapter</p>';
    document.body.append(el);
    return el;
  }

  it('puts a chapter in at once when not progressive', () => {
    const el = container();
    let completed = 0;
    fillProgressively(el, chapter(30), false, () => completed++);
    expect(completed).toBe(1);
    expect(el.innerHTML).toBe(parsedWhole(chapter(30)));
  });

  it('puts in parts until the window is filled, and the rest after the next paint', async () => {
    const el = container();
    onTestFinished(windowFilledByFirstPart());
    let completed = 0;
    fillProgressively(el, chapter(30), true, () => completed++);
    expect(completed).toBe(0);
    const first = el.querySelectorAll('h2').length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(30);
    expect(el.textContent).not.toContain('the previous chapter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(completed).toBe(1);
    expect(el.innerHTML).toBe(parsedWhole(chapter(30)));
  });

  it('keeps putting parts in while the window is not filled (here it never is: nothing is laid out)', () => {
    const el = container();
    let completed = 0;
    fillProgressively(el, chapter(30), true, () => completed++);
    expect(completed).toBe(1);
    expect(el.innerHTML).toBe(parsedWhole(chapter(30)));
  });

  it('cancelled, never puts the rest in', async () => {
    const el = container();
    onTestFinished(windowFilledByFirstPart());
    let completed = 0;
    const cancel = fillProgressively(el, chapter(30), true, () => completed++);
    const first = el.querySelectorAll('h2').length;
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(completed).toBe(0);
    expect(el.querySelectorAll('h2')).toHaveLength(first);
  });
});

import { describe, expect, it } from 'vitest';
import { renderChapter } from './render-chapter.js';
import { MAX_MATH_EM, MIN_MATH_EM } from './math-bounds.js';
import type { RenderContext } from './types.js';

const ctx: RenderContext = {
  bookId: 'b1',
  flavor: 'markdown',
  file: 'maths.md',
  title: null,
  assetExists: () => false,
  chapterIdForFile: () => null,
  labels: new Map(),
};

/** Every MathML length in the HTML, in em (KaTeX writes em; anything else counts as unbounded). */
function mathLengths(html: string): { attr: string; value: string; em: number }[] {
  const out: { attr: string; value: string; em: number }[] = [];
  for (const m of html.matchAll(/<math[\s\S]*?<\/math>/g)) {
    for (const a of m[0].matchAll(/\s(width|height|depth|voffset|lspace|rspace|minsize|maxsize)="([^"]*)"/g)) {
      const em = /^[+-]?(\d+\.?\d*|\.\d+)em$/.test(a[2]!) ? parseFloat(a[2]!) : Number.NaN;
      out.push({ attr: a[1]!, value: a[2]!, em });
    }
  }
  return out;
}

describe('chapter maths sizes are bounded', () => {
  it('hostile \\rule, \\raisebox, \\kern and \\hspace render with no size above the cap or far below zero', () => {
    const md = [
      '# Hostile',
      'A $\\rule{60em}{8em}$ box, $\\raisebox{20em}{\\rule{500em}{500em}}$ raised, $\\kern{-100em}x$ kerned,',
      '$\\rule[-30em]{1em}{1em}$ lowered, $\\mkern-500mu y$ and $\\hspace{-50em}z$ and $\\hspace{900em}w$.',
      '',
      '$$\\left(\\rule{1em}{500em}\\right)$$',
    ].join('\n');
    const { html } = renderChapter(md, ctx);
    expect(html.match(/<math/g)).toHaveLength(8);
    const lengths = mathLengths(html);
    expect(lengths.length).toBeGreaterThan(0);
    const outside = lengths.filter((l) => !(l.em <= MAX_MATH_EM && l.em >= MIN_MATH_EM));
    expect(outside).toEqual([]);
    expect(MAX_MATH_EM).toBeLessThanOrEqual(10);
    expect(MIN_MATH_EM).toBeGreaterThanOrEqual(-2);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('ordinary maths keeps its sizes: a -1em kern, big delimiters, fractions', () => {
    const { html } = renderChapter('# M\n\n$a\\kern{-1em}b$ and $\\Bigg(\\frac{a}{\\sqrt{b}}\\Bigg)$ and $x\\quad y$\n', ctx);
    expect(html).toContain('width="-1em"');
    expect(html).toContain('minsize="3em"');
    expect(html).toContain('<mfrac>');
    expect(html).toContain('<msqrt>');
    expect(html).toContain('width="1em"');
  });
});

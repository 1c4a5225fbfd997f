/**
 * Bounds on the sizes chapter maths may ask for. KaTeX caps what an author writes at MAX_MATH_EM (its maxSize) but
 * lets negative sizes through, and a chapter could carry MathML from elsewhere: this pass, run on the sanitized
 * tree, drops every MathML length outside [MIN_MATH_EM, MAX_MATH_EM] (or that it cannot read as one), so a
 * `\rule`, `\raisebox` or `\kern` stays near its line. The reader also clips the chapter's paint (contain: paint).
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { MATHML_TAGS } from './sanitize-schema.js';

/** Largest size, in em, maths may use: a big delimiter is 3em, a strut or matrix gap a few. */
export const MAX_MATH_EM = 10;
/** Most negative size, in em: kerns that tuck symbols together (`\!`, `\mkern-18mu`) need about -1em. */
export const MIN_MATH_EM = -2;

const LENGTH_ATTRS = new Set(['width', 'height', 'depth', 'voffset', 'lspace', 'rspace', 'minsize', 'maxsize', 'linethickness', 'columnspacing', 'rowspacing', 'framespacing']);
const MATH_TAGS = new Set(MATHML_TAGS);
// em per unit at KaTeX's 10pt em; a bare number is read as em (the largest reading).
const EM_PER_UNIT: Record<string, number> = { em: 1, ex: 0.5, px: 1 / 16, pt: 0.1, mu: 1 / 18, '': 1 };

/** A length (or space-separated list of them, as in columnspacing) within bounds. */
function bounded(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  return String(value)
    .trim()
    .split(/\s+/)
    .every((token) => {
      const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(em|ex|px|pt|mu)?$/.exec(token);
      if (!m) return false;
      const em = parseFloat(m[1]!) * EM_PER_UNIT[m[2] ?? '']!;
      return em >= MIN_MATH_EM && em <= MAX_MATH_EM;
    });
}

/** rehype plugin: removes out-of-bounds lengths from MathML elements (HTML widths, e.g. of images, are not maths). */
export function rehypeBoundMath() {
  return (tree: Root) => {
    visit(tree, 'element', (el: Element) => {
      if (!MATH_TAGS.has(el.tagName)) return;
      for (const [name, value] of Object.entries(el.properties)) {
        if (LENGTH_ATTRS.has(name.toLowerCase()) && !bounded(value)) delete el.properties[name];
      }
    });
  };
}

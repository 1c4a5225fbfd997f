/**
 * Plain text of rendered chapter HTML (for FTS and `reader text`): block elements on their own lines, code
 * verbatim, math as its TeX source rather than the MathML glyph soup.
 */
import type { Root, Element, RootContent } from 'hast';

const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'tr', 'blockquote', 'figure', 'figcaption', 'aside',
  'table', 'ul', 'ol', 'details', 'summary', 'section', 'dl', 'dt', 'dd', 'hr',
]);

export function hastToText(tree: Root): string {
  const parts: string[] = [];
  const walk = (nodes: RootContent[], pre: boolean) => {
    for (const n of nodes) {
      if (n.type === 'text') parts.push(pre ? n.value : n.value.replace(/\s+/g, ' '));
      else if (n.type === 'element') element(n, pre);
    }
  };
  const element = (el: Element, pre: boolean) => {
    if (el.tagName === 'br') return void parts.push('\n');
    const cls = el.properties.className;
    if (Array.isArray(cls) && (cls.includes('katex') || cls.includes('katex-display'))) {
      const tex = findAnnotation(el);
      parts.push(cls.includes('katex-display') ? `\n${tex}\n` : tex);
      return;
    }
    const block = BLOCKS.has(el.tagName);
    if (block) parts.push('\n');
    if (el.tagName === 'td' || el.tagName === 'th') parts.push(' ');
    walk(el.children, pre || el.tagName === 'pre');
    if (block) parts.push('\n');
  };
  walk(tree.children, false);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.trimEnd().replace(/^ (?=\S)/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function findAnnotation(el: Element): string {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'annotation') return c.children.map((t) => (t.type === 'text' ? t.value : '')).join('').trim();
    const inner = findAnnotation(c);
    if (inner) return inner;
  }
  return '';
}

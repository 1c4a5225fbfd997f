/**
 * The text highlights are anchored in: every text node of a chapter's HTML in document order, joined as they are,
 * except those inside `script, style, template, annotation, .katex-html, [data-reader-ui]`. The chapter view computes the same string from its live DOM (renderer
 * `annotations/chapter-text.ts`, same rule; a test compares both), so offsets the page reports and offsets the engine stores mean the same place.
 * Math keeps its MathML (the spoken form) and drops KaTeX's visual copy and TeX source; elements the page adds
 * around the book's HTML (tab buttons, drawn diagrams) carry `data-reader-ui` and are not the book's text.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';

function skipped(el: Element): boolean {
  if (['script', 'style', 'template', 'annotation'].includes(el.tagName)) return true;
  const cls = el.properties.className;
  if (Array.isArray(cls) && cls.includes('katex-html')) return true;
  return el.properties.dataReaderUi !== undefined;
}

export function anchorTextOfHtml(html: string): string {
  const parts: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'text') parts.push(node.value);
    else if (node.type === 'element') {
      if (skipped(node)) return;
      for (const c of node.children) walk(c);
    } else if (node.type === 'root') for (const c of node.children) walk(c);
  };
  walk(fromHtml(html, { fragment: true }));
  return parts.join('');
}

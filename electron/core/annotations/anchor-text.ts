/**
 * The text highlights are anchored in: every text node of a chapter's HTML in document order, joined as they are,
 * except those inside `script, style, template, annotation, .katex-html, [data-reader-ui]`. The chapter view computes the same string from its live DOM (renderer
 * `annotations/chapter-text.ts`, same rule; a test compares both), so offsets the page reports and offsets the engine stores mean the same place.
 * Math keeps its MathML (the spoken form) and drops KaTeX's visual copy and TeX source; elements the page adds
 * around the book's HTML (tab buttons, drawn diagrams) carry `data-reader-ui` and are not the book's text.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';

/** A heading element with an id, and where it starts in the anchor text (for section paths and scrolling). */
export interface HeadingMark {
  offset: number;
  depth: number;
  id: string;
}

export interface AnchorText {
  text: string;
  /** Headings with an id, in document order. */
  headings: HeadingMark[];
}

function skipped(el: Element): boolean {
  if (['script', 'style', 'template', 'annotation'].includes(el.tagName)) return true;
  const cls = el.properties.className;
  if (Array.isArray(cls) && cls.includes('katex-html')) return true;
  return el.properties.dataReaderUi !== undefined;
}

const HEADING = /^h([1-6])$/;

export function anchorTextWithHeadings(html: string): AnchorText {
  const parts: string[] = [];
  const headings: HeadingMark[] = [];
  let length = 0;
  const walk = (node: Nodes) => {
    if (node.type === 'text') {
      parts.push(node.value);
      length += node.value.length;
    } else if (node.type === 'element') {
      if (skipped(node)) return;
      const h = HEADING.exec(node.tagName);
      if (h && typeof node.properties.id === 'string' && node.properties.id !== '') {
        headings.push({ offset: length, depth: Number(h[1]), id: node.properties.id });
      }
      for (const c of node.children) walk(c);
    } else if (node.type === 'root') for (const c of node.children) walk(c);
  };
  walk(fromHtml(html, { fragment: true }));
  return { text: parts.join(''), headings };
}

export function anchorTextOfHtml(html: string): string {
  return anchorTextWithHeadings(html).text;
}

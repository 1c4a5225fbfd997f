/**
 * The text highlights are anchored in: every text node of a chapter's HTML in document order, joined as they are,
 * except those inside `script, style, template, annotation, .katex-html, [data-reader-ui]`. The chapter view computes the same string from its live DOM (renderer
 * `annotations/chapter-text.ts`, same rule; a test compares both), so offsets the page reports and offsets the engine stores mean the same place.
 * Math keeps its MathML (the spoken form) and drops KaTeX's visual copy and TeX source; elements the page adds
 * around the book's HTML (tab buttons, drawn diagrams) carry `data-reader-ui` and are not the book's text.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

// parse5 directly (the parser hast-util-from-html and the browser's rules follow) without building a hast tree:
// several times faster on big chapters, and the same text nodes.
type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

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

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

function skipped(el: Element): boolean {
  if (['script', 'style', 'template', 'annotation'].includes(el.tagName)) return true;
  if (attr(el, 'class')?.split(/\s+/).includes('katex-html')) return true;
  return attr(el, 'data-reader-ui') !== undefined;
}

const HEADING = /^h([1-6])$/;

export function anchorTextWithHeadings(html: string): AnchorText {
  const parts: string[] = [];
  const headings: HeadingMark[] = [];
  let length = 0;
  const walk = (node: Node) => {
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterMap['textNode']).value;
      parts.push(value);
      length += value.length;
    } else if ('tagName' in node) {
      if (skipped(node)) return;
      const h = HEADING.exec(node.tagName);
      const id = h ? attr(node, 'id') : undefined;
      if (h && id) headings.push({ offset: length, depth: Number(h[1]), id });
      for (const c of node.childNodes) walk(c);
    }
  };
  for (const c of parseFragment(html).childNodes) walk(c);
  return { text: parts.join(''), headings };
}

export function anchorTextOfHtml(html: string): string {
  return anchorTextWithHeadings(html).text;
}

/**
 * The chapter's anchor text, read from the live DOM of the chapter body: every text node in document order, joined
 * as is, except those inside `script, style, template, annotation, .katex-html, [data-reader-ui]`. It is the same
 * rule as the engine's `electron/core/library/render/anchor-text.ts` over the stored HTML (a test compares both), so
 * offsets the page reports mean the same place to the engine. Anything the page adds inside the chapter body must
 * carry `data-reader-ui`; marks wrapped around text change no text node's content and are fine.
 */

export const NOT_BOOK_TEXT = 'script, style, template, annotation, .katex-html, [data-reader-ui]';

export interface ChapterText {
  /** The anchor text. */
  text: string;
  /** Its text nodes in order, and where each starts in `text`. */
  nodes: Text[];
  starts: number[];
}

export function readChapterText(root: Node): ChapterText {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT
      : (node as Element).matches(NOT_BOOK_TEXT) ? NodeFilter.FILTER_REJECT
      : NodeFilter.FILTER_SKIP,
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let at = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const t = node as Text;
    nodes.push(t);
    starts.push(at);
    parts.push(t.data);
    at += t.data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** Index of the last text node starting at or before `offset` (-1 when there are none). */
function nodeAt(ct: ChapterText, offset: number): number {
  let lo = 0;
  let hi = ct.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ct.starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The anchor-text offset of a DOM boundary point (a point inside left-out text counts as the next book text). */
function offsetOfPoint(ct: ChapterText, container: Node, offset: number): number {
  if (container.nodeType === Node.TEXT_NODE) {
    const i = ct.nodes.indexOf(container as Text);
    if (i >= 0) return ct.starts[i]! + offset;
  }
  const point = document.createRange();
  point.setStart(container, offset);
  // The first text node at or after the point: text nodes never straddle a point whose container is not text.
  let lo = 0;
  let hi = ct.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (point.comparePoint(ct.nodes[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < ct.nodes.length ? ct.starts[lo]! : ct.text.length;
}

/** Anchor-text offsets of a DOM range inside the chapter body; null when it covers no book text. */
export function offsetsOfRange(ct: ChapterText, range: Range): { start: number; end: number } | null {
  const start = offsetOfPoint(ct, range.startContainer, range.startOffset);
  const end = offsetOfPoint(ct, range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

/** A DOM range over anchor-text offsets (for scrolling to or measuring a highlight); null when out of bounds. */
export function rangeOfOffsets(ct: ChapterText, start: number, end: number): Range | null {
  if (end <= start || end > ct.text.length) return null;
  const a = nodeAt(ct, start);
  const b = nodeAt(ct, end - 1);
  if (a < 0 || b < 0) return null;
  const range = document.createRange();
  range.setStart(ct.nodes[a]!, start - ct.starts[a]!);
  range.setEnd(ct.nodes[b]!, end - ct.starts[b]!);
  return range;
}

/**
 * Paints highlights into the chapter body as `<mark class="annotation" data-annotation-id data-color>` around the
 * text they cover: one pass over the text nodes with the highlights sorted by start, every text node split at the
 * highlights' edges, overlapping highlights nested (the earlier one outside). A highlight spanning elements gets
 * one mark per text piece; only its first mark is focusable, so each highlight is one Tab stop.
 */
import type { Annotation } from '../../../electron/core/contract.js';
import { readChapterText } from './chapter-text.js';

export const MARK_SELECTOR = 'mark.annotation';

export interface PaintedHighlight {
  id: string;
  color: string;
  start: number;
  end: number;
  review: boolean;
  hasNote: boolean;
  hasThread: boolean;
}

export function paintableOf(list: readonly Annotation[], chapterId: string): PaintedHighlight[] {
  return list
    .filter((a) => a.anchor.status !== 'orphan' && a.anchor.chapterId === chapterId && a.anchor.end > a.anchor.start)
    .map((a) => ({
      id: a.id,
      color: a.color,
      start: a.anchor.start,
      end: a.anchor.end,
      review: a.anchor.status === 'review',
      hasNote: a.note.trim() !== '',
      hasThread: a.threadId !== null,
    }))
    .sort((x, y) => x.start - y.start || y.end - x.end);
}

function markFor(h: PaintedHighlight, first: boolean): HTMLElement {
  const mark = document.createElement('mark');
  mark.className = 'annotation';
  mark.dataset.annotationId = h.id;
  mark.dataset.color = h.color;
  if (h.review) mark.dataset.review = 'true';
  if (first) {
    mark.tabIndex = 0;
    mark.dataset.first = 'true';
    if (h.hasNote) mark.dataset.note = 'true';
    if (h.hasThread) mark.dataset.thread = 'true';
  }
  return mark;
}

/** Removes every highlight mark under `root`, leaving its text as it was. */
export function clearHighlightMarks(root: HTMLElement): void {
  const marks = [...root.querySelectorAll<HTMLElement>(MARK_SELECTOR)];
  if (marks.length === 0) return;
  const parents = new Set<Node>();
  // Innermost first, so a nested mark is unwrapped before the one holding it.
  for (const mark of marks.reverse()) {
    const parent = mark.parentNode;
    if (!parent) continue;
    mark.replaceWith(...mark.childNodes);
    parents.add(parent);
  }
  for (const parent of parents) if (parent.isConnected) parent.normalize();
}

/** Paints `highlights` (sorted by paintableOf) into `root`, which holds no marks yet. Returns how many it painted. */
export function paintHighlights(root: HTMLElement, highlights: readonly PaintedHighlight[]): number {
  if (highlights.length === 0) return 0;
  const ct = readChapterText(root);
  const painted = new Set<string>();
  let next = 0;
  let active: PaintedHighlight[] = [];
  for (let i = 0; i < ct.nodes.length; i++) {
    const node = ct.nodes[i]!;
    const s = ct.starts[i]!;
    const e = s + node.data.length;
    while (next < highlights.length && highlights[next]!.start < e) active.push(highlights[next++]!);
    active = active.filter((h) => h.end > s);
    const here = active.filter((h) => h.start < e);
    if (here.length === 0 || e === s) continue;
    const cuts = new Set([s, e]);
    for (const h of here) {
      if (h.start > s) cuts.add(h.start);
      if (h.end < e) cuts.add(h.end);
    }
    const edges = [...cuts].sort((a, b) => a - b);
    const pieces: Node[] = [];
    for (let k = 0; k + 1 < edges.length; k++) {
      const a = edges[k]!;
      const b = edges[k + 1]!;
      const text = document.createTextNode(node.data.slice(a - s, b - s));
      const covering = here.filter((h) => h.start <= a && h.end >= b);
      // Whitespace between blocks stays bare: a mark there would sit inside lists and tables where none belongs.
      if (covering.length === 0 || text.data.trim() === '') {
        pieces.push(text);
        continue;
      }
      let inner: Node = text;
      for (const h of [...covering].reverse()) {
        const mark = markFor(h, !painted.has(h.id));
        painted.add(h.id);
        mark.append(inner);
        inner = mark;
      }
      pieces.push(inner);
    }
    node.replaceWith(...pieces);
  }
  return painted.size;
}

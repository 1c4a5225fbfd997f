/**
 * The reader's current selection in the chapter, as the engine takes it: the chapter, offsets in its anchor text
 * (edges trimmed of white space) and the text the page saw there.
 */
import { offsetsOfRange, readChapterText } from './chapter-text.js';

export interface ChapterSelection {
  chapterId: string;
  start: number;
  end: number;
  exact: string;
  /** Where it is on screen, for placing the toolbar. */
  rect: DOMRect;
}


/** The chapter body holding the whole selection, if it is in one. */
function chapterBodyOf(range: Range): HTMLElement | null {
  const node = range.commonAncestorContainer;
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest<HTMLElement>('.chapter-body') ?? null;
}

/** Null when nothing (or nothing but white space) is selected inside a chapter body. The engine checks the length. */
export function currentChapterSelection(): ChapterSelection | null {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const body = chapterBodyOf(range);
  const chapterId = body?.closest<HTMLElement>('[data-chapter-id]')?.dataset.chapterId;
  if (!body || !chapterId) return null;
  const ct = readChapterText(body);
  const offsets = offsetsOfRange(ct, range);
  if (!offsets) return null;
  let { start, end } = offsets;
  while (start < end && /\s/.test(ct.text[start]!)) start++;
  while (end > start && /\s/.test(ct.text[end - 1]!)) end--;
  if (end <= start) return null;
  return { chapterId, start, end, exact: ct.text.slice(start, end), rect: range.getBoundingClientRect() };
}


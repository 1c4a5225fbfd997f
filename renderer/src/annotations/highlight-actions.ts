/** What the selection toolbar, the `h` shortcut and the popover do with highlights, in one place. */
import type { Annotation, HighlightColor } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { currentChapterSelection, type ChapterSelection } from './chapter-selection.js';
import { MARK_SELECTOR } from './paint-highlights.js';
import type { AnnotationsState } from './useAnnotations.js';

function selectionInput(s: ChapterSelection) {
  return { chapterId: s.chapterId, start: s.start, end: s.end, exact: s.exact };
}

/** Highlights the current selection; null when nothing in a chapter is selected. */
export async function highlightSelection(state: AnnotationsState, color: HighlightColor, note?: string): Promise<Annotation | null> {
  const selection = currentChapterSelection();
  if (!selection) return null;
  const created = await reader.addAnnotation({ bookId: state.bookId, selection: selectionInput(selection), color, ...(note ? { note } : {}) });
  state.setLastColor(color);
  state.upsert(created);
  window.getSelection()?.removeAllRanges();
  return created;
}

/** Moves the orphan being re-attached onto the current selection; null when nothing in a chapter is selected. */
export async function reattachToSelection(state: AnnotationsState, annotationId: string): Promise<Annotation | null> {
  const selection = currentChapterSelection();
  if (!selection) return null;
  const moved = await reader.reattachAnnotation({ annotationId, selection: selectionInput(selection) });
  state.upsert(moved);
  state.setReattachingId(null);
  window.getSelection()?.removeAllRanges();
  return moved;
}

/** The first (focusable) mark of a highlight in the page, if it is painted. */
export function markOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`${MARK_SELECTOR}[data-first][data-annotation-id="${CSS.escape(id)}"]`);
}

const FOCUS_WAIT_MS = 2000;

/** Focuses a highlight's mark as soon as it is painted (painting follows the list's update); gives up after 2 s. */
export function focusHighlightSoon(id: string): void {
  const now = markOf(id);
  if (now) return now.focus();
  const observer = new MutationObserver(() => {
    const mark = markOf(id);
    if (!mark) return;
    stop();
    mark.focus();
  });
  const timer = setTimeout(() => stop(), FOCUS_WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * Selectors for the passages an answer cites, and where they sit now. A passage is a section's text as the search
 * index chunked it; its first words are looked up in the chapter's anchor text with the highlights' own placement,
 * so a citation keeps the same W3C selectors as a highlight and is found again the same way in a new edition of the
 * book, even in another chapter.
 */
import type { AskCitationRecord } from '../contract.js';
import { anchorView } from '../annotations/annotation-view.js';
import type { Placement } from '../annotations/placement.js';
import type { LibraryStore } from '../library/store/library-store.js';
import type { StoredCitation } from './ask-thread-store.js';

/** How much of a passage is looked up: enough words to be unique, few enough to be found after small edits. */
export const QUOTE_HEAD_CHARS = 200;

export interface CitedPassage {
  chapterId: string;
  /** Element id of the section heading ('' = top of the chapter). */
  anchor: string;
  text: string;
  /** Shown when the chapter is not in the library (else its stored title and section heading are). */
  label: string;
}

/** Each passage as a kept citation numbered from 1, with selectors (null when its words are not in its chapter). */
export function describeCitations(library: LibraryStore, placement: Placement, bookId: string, passages: readonly CitedPassage[]): StoredCitation[] {
  const chapters = new Map(library.getToc(bookId).map((c) => [c.id, c.title]));
  return passages.map((p, i) => {
    const title = chapters.get(p.chapterId);
    if (title === undefined) return { n: i + 1, chapterTitle: p.label, heading: '', target: null };
    const placed = placement.targetOfWords(bookId, p.chapterId, p.text.trim().slice(0, QUOTE_HEAD_CHARS));
    const path = placed?.target.sectionPath ?? [];
    return { n: i + 1, chapterTitle: title, heading: path.length > 1 ? path.at(-1)! : '', target: placed?.target ?? null };
  });
}

/** Where each kept citation sits in the book as it is now (the highlights' re-anchoring: position, then quote). */
export function placeCitations(library: LibraryStore, placement: Placement, bookId: string, citations: readonly StoredCitation[]): AskCitationRecord[] {
  const targets = citations.flatMap((c, i) => (c.target ? [{ id: String(i), target: c.target }] : []));
  const anchors = targets.length > 0 ? placement.anchorAll(bookId, targets) : new Map();
  const titles = new Map(library.getToc(bookId).map((c) => [c.id, c.title]));
  return citations.map((c, i) => {
    const a = anchors.get(String(i));
    if (!c.target || !a) return { ...c, anchor: null };
    return { ...c, anchor: anchorView(a, a.chapterId === null ? null : (titles.get(a.chapterId) ?? null)) };
  });
}

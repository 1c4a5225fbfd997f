/**
 * Lands a followed deep link once the book's highlights are loaded: the chapter scrolled to the highlight and the
 * highlight focused, wherever it sits now (it may have moved chapters in a new edition); an orphan opens the Notes
 * panel, where it is listed; a highlight no longer in the book opens the linked chapter and says so.
 */
import { useEffect } from 'react';
import type { BookContext } from '../panels/book-context.js';
import { takePendingLink } from './deep-link.js';
import type { AnnotationsState } from './useAnnotations.js';

export function usePendingLinkLanding(book: BookContext, state: AnnotationsState): void {
  const { bookId, goTo, openPanel, announce } = book;
  const { list } = state;
  useEffect(() => {
    if (!list) return;
    const link = takePendingLink(bookId);
    if (!link?.annotationId) return;
    const found = list.find((a) => a.id === link.annotationId);
    if (found && found.anchor.status !== 'orphan' && found.anchor.chapterId) {
      goTo(found.anchor.chapterId, { kind: 'annotation', annotationId: found.id });
    } else if (found) {
      openPanel('notes');
      announce('That highlight could not be placed in this edition of the book; it is listed under Orphans.');
    } else {
      announce('That highlight is no longer in this book.');
    }
  }, [announce, bookId, goTo, list, openPanel]);
}

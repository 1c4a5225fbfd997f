/**
 * The link written into exported notes that opens the reader at a highlight (the form and its check live in
 * `hosting/deep-link.ts`, shared by every host and the page).
 */
import { DEEP_LINK_SCHEME } from '../hosting/deep-link.js';

export interface DeepLinkTarget {
  bookId: string;
  chapterId: string;
  annotationId: string;
}

export function deepLink(t: DeepLinkTarget): string {
  const q = new URLSearchParams({ book: t.bookId, chapter: t.chapterId, annotation: t.annotationId });
  return `${DEEP_LINK_SCHEME}://open?${q.toString()}`;
}

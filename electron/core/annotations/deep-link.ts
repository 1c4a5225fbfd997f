/**
 * The link that opens the reader at a highlight, written into exported notes:
 *   physical-ai-reader://open?book=<bookId>&chapter=<chapterId>&annotation=<uuid>
 * each value URL-encoded. The Electron host registers the scheme; the web host and the renderer parse the same form.
 */
export const DEEP_LINK_SCHEME = 'physical-ai-reader:';

export interface DeepLinkTarget {
  bookId: string;
  chapterId: string;
  annotationId: string;
}

export function deepLink(t: DeepLinkTarget): string {
  const q = new URLSearchParams({ book: t.bookId, chapter: t.chapterId, annotation: t.annotationId });
  return `${DEEP_LINK_SCHEME}//open?${q.toString()}`;
}

/** The target of a deep link, or null when the text is not one. */
export function parseDeepLink(link: string): DeepLinkTarget | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== DEEP_LINK_SCHEME || url.host !== 'open') return null;
  const bookId = url.searchParams.get('book');
  const chapterId = url.searchParams.get('chapter');
  const annotationId = url.searchParams.get('annotation');
  if (!bookId || chapterId === null || !annotationId) return null;
  return { bookId, chapterId, annotationId };
}

/**
 * Links that open the reader at a highlight: `physical-ai-reader://open?book=<bookId>&chapter=<chapterId>&annotation=<uuid>`
 * (the Markdown export writes them). The page takes one as the route `#/link?u=<encoded link>`: the Electron app
 * hands it the OS's link that way, the web host's `--open <link>` puts it in the address (`?open=<link>`, turned
 * into that route here), and a click on such a link inside the page goes there too. Only this shape is accepted.
 */
export const LINK_SCHEME = 'physical-ai-reader:';
const MAX_LINK_CHARS = 1000;
const MAX_ID_CHARS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PARAMS = new Set(['book', 'chapter', 'annotation']);

export interface DeepLink {
  bookId: string;
  chapterId: string | null;
  annotationId: string | null;
}

/** The link's parts, or null for anything but our scheme's `open` link with known, sane parameters. */
export function parseDeepLink(raw: string): DeepLink | null {
  if (raw.length > MAX_LINK_CHARS) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== LINK_SCHEME || url.host !== 'open' || (url.pathname !== '' && url.pathname !== '/')) return null;
  const keys = [...url.searchParams.keys()];
  if (keys.some((k) => !PARAMS.has(k)) || new Set(keys).size !== keys.length) return null;
  const bookId = url.searchParams.get('book');
  const chapterId = url.searchParams.get('chapter');
  const annotationId = url.searchParams.get('annotation');
  if (!bookId || bookId.length > MAX_ID_CHARS) return null;
  if (chapterId !== null && (chapterId === '' || chapterId.length > MAX_ID_CHARS)) return null;
  if (annotationId !== null && !UUID.test(annotationId)) return null;
  return { bookId, chapterId, annotationId };
}

export function linkRoute(raw: string): string {
  return `#/link?u=${encodeURIComponent(raw)}`;
}

/** The web host's `?open=<link>` (kept out of the #fragment, where the launch token travels) becomes the route. */
export function takeLinkFromAddress(): void {
  const params = new URLSearchParams(window.location.search);
  const open = params.get('open');
  if (open === null) return;
  params.delete('open');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  window.history.replaceState(null, '', `${window.location.pathname}${search}${linkRoute(open)}`);
}

/** Where a followed link is to land, kept until the book's view takes it. */
let pending: DeepLink | null = null;

export function setPendingLink(link: DeepLink): void {
  pending = link;
}

export function takePendingLink(bookId: string): DeepLink | null {
  if (pending?.bookId !== bookId) return null;
  const link = pending;
  pending = null;
  return link;
}

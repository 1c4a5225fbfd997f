/**
 * Links that open the reader at a highlight: `physical-ai-reader://open?book=<bookId>&chapter=<chapterId>&annotation=<uuid>`
 * (the Markdown export writes them). Every door checks a link with this before use: the Electron app (links the
 * OS hands it), the web host (`--open <link>`) and the page (its `#/link?u=<link>` route, and such links clicked
 * inside it). Only our scheme, only these parameters, each once, ids of sane size. Dependency-free, so the page can
 * import it too (the one other runtime import it may make from the core, beside reader-error.ts).
 */
export const DEEP_LINK_SCHEME = 'physical-ai-reader';
export const MAX_DEEP_LINK_CHARS = 1000;
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
  if (raw.length > MAX_DEEP_LINK_CHARS) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.host !== 'open' || (url.pathname !== '' && url.pathname !== '/')) return null;
  if (url.username || url.password || url.port || url.hash) return null;
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

/** The page's route that opens a (checked) link. */
export function deepLinkRoute(raw: string): string {
  return `#/link?u=${encodeURIComponent(raw)}`;
}

/** Our links among command-line arguments (how Windows and Linux hand a clicked link to the app). */
export function deepLinkInArgs(args: readonly string[]): string | null {
  return args.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`) && parseDeepLink(a) !== null) ?? null;
}

/**
 * The one place that defines how book files (images, downloads) are addressed from chapter HTML:
 *
 *   reader-asset://book/<bookId>/<path relative to the book folder, each segment percent-encoded>
 *
 * Hosts map it back with `parseAssetUrl` and serve the file from the book's folder (ReaderCore.bookDir), refusing
 * anything outside it. The Electron host registers `reader-asset` as a protocol; the web host rewrites the
 * prefix `reader-asset://book/` to its own asset route.
 */
export const ASSET_SCHEME = 'reader-asset';
const PREFIX = `${ASSET_SCHEME}://book/`;

export function assetUrl(bookId: string, relPath: string): string {
  return PREFIX + [bookId, ...relPath.split('/')].map(encodeURIComponent).join('/');
}

/** Splits an asset URL into book id and book-relative path, or null when it is not one of ours. */
export function parseAssetUrl(url: string): { bookId: string; relPath: string } | null {
  if (!url.startsWith(PREFIX)) return null;
  const parts = url.slice(PREFIX.length).split(/[?#]/)[0]!.split('/');
  try {
    const [bookId, ...rest] = parts.map(decodeURIComponent);
    if (!bookId || rest.length === 0 || rest.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\')))
      return null;
    return { bookId, relPath: rest.join('/') };
  } catch {
    return null;
  }
}

/**
 * Hash routes (`#/`, `#/book/<bookId>`, `#/book/<bookId>/<chapterId>`, and `#/link?u=<deep link>` which opens the
 * place a `physical-ai-reader://` link names, see annotations/deep-link.ts): they survive a reload under both the app://
 * scheme and the web host, with no server-side routing. Hashes not starting with `#/` are in-page anchors.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { view: 'library' }
  | { view: 'book'; bookId: string; chapterId: string | null }
  | { view: 'link'; link: string };

export function parseRoute(hash: string): Route {
  const link = /^#\/link\?u=([^&]*)$/.exec(hash);
  if (link) {
    try {
      return { view: 'link', link: decodeURIComponent(link[1]!) };
    } catch {
      return { view: 'library' };
    }
  }
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'book' && parts[1]) return { view: 'book', bookId: parts[1], chapterId: parts[2] ?? null };
  return { view: 'library' };
}

export function bookHref(bookId: string, chapterId?: string): string {
  const base = `#/book/${encodeURIComponent(bookId)}`;
  return chapterId ? `${base}/${encodeURIComponent(chapterId)}` : base;
}

export const LIBRARY_HREF = '#/';

export function navigate(href: string): void {
  if (window.location.hash === href) return;
  window.location.hash = href;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => {
      if (window.location.hash === '' || window.location.hash.startsWith('#/')) setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

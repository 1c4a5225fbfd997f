/**
 * Hash routes (`#/`, `#/book/<bookId>`, `#/book/<bookId>/<chapterId>`, and `#/link?u=<deep link>` which opens the
 * place a `physical-ai-reader://` link names, see annotations/deep-link.ts): they survive a reload under both the app://
 * scheme and the web host, with no server-side routing. Hashes not starting with `#/` are in-page anchors.
 */
import { useEffect, useRef, useState } from 'react';

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
  // The hash the route was last read from: taken at the first render, so a hash set before the listeners below are
  // added (a child's effect runs first) is still seen as new.
  const seen = useRef<string | null>(null);
  seen.current ??= window.location.hash;
  useEffect(() => {
    const update = () => {
      const hash = window.location.hash;
      if (hash === seen.current) return;
      seen.current = hash;
      if (hash === '' || hash.startsWith('#/')) setRoute(parseRoute(hash));
    };
    // Chromium fires popstate while the hash is being set, hashchange a task later: the route changes on the first
    // of the two (the second finds it done), so a chapter's request leaves that much sooner.
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}

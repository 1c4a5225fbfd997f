/**
 * `physical-ai-reader://open?...` links in the page (the link itself and its check: core hosting/deep-link.ts). The
 * page takes one as the route `#/link?u=<encoded link>`: the Electron app hands it the OS's link that way, the web
 * host's `--open <link>` puts it in the address (`?open=<link>`, turned into that route here), and a click on such
 * a link inside the page goes there too.
 */
import { deepLinkRoute, type DeepLink } from '../../../electron/core/hosting/deep-link.js';

/** The web host's `?open=<link>` (kept out of the #fragment, where the launch token travels) becomes the route. */
export function takeLinkFromAddress(): void {
  const params = new URLSearchParams(window.location.search);
  const open = params.get('open');
  if (open === null) return;
  params.delete('open');
  const search = params.size > 0 ? `?${params.toString()}` : '';
  window.history.replaceState(null, '', `${window.location.pathname}${search}${deepLinkRoute(open)}`);
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

/**
 * The `#/link?u=<deep link>` route: checks the link, remembers where it lands, and replaces itself with the book's
 * route (so Back does not come here again). The book's view lands on the highlight (useLinkLanding.ts).
 */
import { useEffect } from 'react';
import { reader } from '../reader.js';
import { bookHref, LIBRARY_HREF } from '../hooks/useRoute.js';
import { parseDeepLink } from '../../../electron/core/hosting/deep-link.js';
import { setPendingLink } from './deep-link.js';

export function OpenLink({ link, onError }: { link: string; onError(err: unknown): void }) {
  useEffect(() => {
    const parsed = parseDeepLink(link);
    if (!parsed) {
      onError(new Error('That is not a Physical AI Reader link.'));
      window.location.replace(LIBRARY_HREF);
      return;
    }
    let live = true;
    const open = async () => {
      const books = await reader.listBooks({});
      if (!live) return;
      if (!books.some((b) => b.id === parsed.bookId)) {
        onError(new Error('That link is for a book that is not in your library.'));
        window.location.replace(LIBRARY_HREF);
        return;
      }
      // A chapter a new edition no longer has: the book opens where the highlight sits now (or its Notes, for an orphan).
      const toc = parsed.chapterId ? await reader.getToc({ bookId: parsed.bookId }) : [];
      if (!live) return;
      const chapterId = toc.some((t) => t.id === parsed.chapterId) ? (parsed.chapterId ?? undefined) : undefined;
      setPendingLink(parsed);
      window.location.replace(bookHref(parsed.bookId, chapterId));
    };
    open().catch(onError);
    return () => {
      live = false;
    };
  }, [link, onError]);
  return (
    <p className="loading" aria-busy="true">
      Opening the link…
    </p>
  );
}

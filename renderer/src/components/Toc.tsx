import { useEffect, useRef } from 'react';
import type { TocEntry } from '../../../electron/core/contract';
import { bookHref } from '../hooks/useRoute';

export function Toc({ bookId, entries, currentId }: { bookId: string; entries: TocEntry[]; currentId: string | null }) {
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);
  const minDepth = Math.min(...entries.map((e) => e.depth));
  return (
    <ol className="toc-list" data-testid="toc-list">
      {entries.map((entry) => {
        const isCurrent = entry.id === currentId;
        return (
          <li key={entry.id} style={{ paddingInlineStart: `${(entry.depth - minDepth) * 0.9}rem` }}>
            <a
              ref={isCurrent ? current : undefined}
              href={bookHref(bookId, entry.id)}
              aria-current={isCurrent ? 'page' : undefined}
              data-testid="toc-entry"
            >
              {entry.title}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

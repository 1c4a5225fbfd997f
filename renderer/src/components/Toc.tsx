import { Fragment, useEffect, useRef } from 'react';
import type { TocEntry } from '../../../electron/core/contract.js';
import { bookHref } from '../hooks/useRoute.js';

/** Group labels (parts, units, categories) that start at this entry: those not shared with the previous entry. */
function newGroups(entry: TocEntry, previous: TocEntry | undefined): { label: string; level: number }[] {
  const before = previous?.parents ?? [];
  const first = entry.parents.findIndex((label, i) => before[i] !== label);
  return first < 0 ? [] : entry.parents.slice(first).map((label, i) => ({ label, level: first + i }));
}

export function Toc({ bookId, entries, currentId }: { bookId: string; entries: TocEntry[]; currentId: string | null }) {
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);
  const minDepth = Math.min(...entries.map((e) => e.depth));
  return (
    <ol className="toc-list" data-testid="toc-list">
      {entries.map((entry, i) => {
        const isCurrent = entry.id === currentId;
        return (
          <Fragment key={entry.id}>
            {newGroups(entry, entries[i - 1]).map((group) => (
              <li key={`${group.level}-${group.label}`} className="toc-group" style={{ paddingInlineStart: `${group.level * 0.9}rem` }}>
                {group.label}
              </li>
            ))}
            <li style={{ paddingInlineStart: `${Math.max(0, entry.depth - minDepth) * 0.9}rem` }}>
              <a
                ref={isCurrent ? current : undefined}
                href={bookHref(bookId, entry.id)}
                aria-current={isCurrent ? 'page' : undefined}
                data-testid="toc-entry"
                data-chapter-id={entry.id}
              >
                {entry.title}
              </a>
            </li>
          </Fragment>
        );
      })}
    </ol>
  );
}

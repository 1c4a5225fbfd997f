import { Fragment, memo, useEffect, useRef } from 'react';
import type { TocEntry, TocLink } from '../../../electron/core/contract.js';
import { bookHref } from '../hooks/useRoute.js';

/** Group labels (parts, units, categories) that start at this entry: those not shared with the previous entry. */
function newGroups(entry: { parents: string[] }, previous: { parents: string[] } | undefined): { label: string; level: number }[] {
  const before = previous?.parents ?? [];
  const first = entry.parents.findIndex((label, i) => before[i] !== label);
  return first < 0 ? [] : entry.parents.slice(first).map((label, i) => ({ label, level: first + i }));
}

type Row = { kind: 'chapter'; entry: TocEntry } | { kind: 'link'; link: TocLink };

/** Chapters in order, each web link right after the chapter it follows (or first). */
function rows(entries: TocEntry[], links: TocLink[]): Row[] {
  const out: Row[] = links.filter((l) => l.afterOrder < 0).map((link) => ({ kind: 'link', link }));
  for (const entry of entries) {
    out.push({ kind: 'chapter', entry });
    for (const link of links) if (link.afterOrder === entry.order) out.push({ kind: 'link', link });
  }
  return out;
}

interface Props {
  bookId: string;
  entries: TocEntry[];
  links: TocLink[];
  currentId: string | null;
}

/** Memoized: the book view re-renders several times while a chapter opens, the contents only when the chapter changes. */
export const Toc = memo(function Toc({ bookId, entries, links, currentId }: Props) {
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);
  const minDepth = Math.min(...entries.map((e) => e.depth));
  return (
    <ol className="toc-list" data-testid="toc-list">
      {rows(entries, links).map((row, i, all) => {
        const previous = all[i - 1];
        const groups = newGroups(row.kind === 'chapter' ? row.entry : row.link, previous && (previous.kind === 'chapter' ? previous.entry : previous.link));
        const groupRows = groups.map((group) => (
          <li key={`${group.level}-${group.label}`} className="toc-group" style={{ paddingInlineStart: `${group.level * 0.9}rem` }}>
            {group.label}
          </li>
        ));
        if (row.kind === 'link') {
          const { link } = row;
          return (
            <Fragment key={`link-${i}`}>
              {groupRows}
              <li style={{ paddingInlineStart: `${Math.max(0, link.depth - minDepth) * 0.9}rem` }}>
                <a href={link.href} target="_blank" rel="noreferrer noopener" className="toc-external" data-testid="toc-link">
                  {link.title}
                  <span className="visually-hidden"> (opens outside the reader)</span>
                </a>
              </li>
            </Fragment>
          );
        }
        const { entry } = row;
        const isCurrent = entry.id === currentId;
        return (
          <Fragment key={entry.id}>
            {groupRows}
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
});

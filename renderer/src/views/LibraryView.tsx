/** The library: books, the last place read, importing, and the Settings and Account side panels. */
import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import type { BookSummary } from '../../../electron/core/contract.js';
import { AccountPanel } from '../account/AccountPanel.js';
import { useAnnounce } from '../components/Announcer.js';
import { ImportForm } from '../components/ImportForm.js';
import { PanelButtons, type PanelButton } from '../components/PanelButtons.js';
import { SidePanel } from '../components/SidePanel.js';
import { useFocusOnMount } from '../hooks/useFocusOnMount.js';
import { bookHref } from '../hooks/useRoute.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { useSidePanel } from '../hooks/useSidePanel.js';
import { MANAGED_TEXT, usePolicy } from '../hooks/usePolicy.js';
import type { ViewContext } from '../panels/book-context.js';
import { SettingsPanel } from '../panels/SettingsPanel.js';
import { reader } from '../reader.js';
import { IndexProgress } from '../ask/IndexProgress.js';
import { HandoffPrompt } from './HandoffPrompt.js';
import { UpdateNotice } from '../components/UpdateNotice.js';

/** The library's side panels need no open book: only what any view gives. */
const LIBRARY_PANELS: (PanelButton & { Component: ComponentType<ViewContext> })[] = [
  { id: 'settings', label: 'Settings', Component: SettingsPanel },
  { id: 'account', label: 'Account', Component: AccountPanel },
];

function percent(position: number): string {
  return `${Math.round(position * 100)}%`;
}

/** The most recently read book, for the "Continue reading" card. */
function latestRead(books: BookSummary[]): (BookSummary & { lastRead: NonNullable<BookSummary['lastRead']> }) | null {
  let best: ReturnType<typeof latestRead> = null;
  for (const book of books) {
    if (book.lastRead && (!best || book.lastRead.at > best.lastRead.at)) best = { ...book, lastRead: book.lastRead };
  }
  return best;
}

export function LibraryView({ onError }: { onError: (err: unknown) => void }) {
  const [books, setBooks] = useState<BookSummary[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const side = useSidePanel();
  const announce = useAnnounce();
  useShortcuts({ Escape: side.close });
  useFocusOnMount(heading);
  useEffect(() => {
    document.title = 'Library · Physical AI Reader';
  }, []);

  const load = useCallback(() => {
    reader.listBooks({}).then(setBooks, onError);
  }, [onError]);

  useEffect(() => {
    load();
    return reader.on('libraryChanged', load);
  }, [load]);

  const policy = usePolicy();
  const recent = books ? latestRead(books) : null;
  const panel = LIBRARY_PANELS.find((p) => p.id === side.panelId);

  return (
    <div className="library-layout">
      <header className="app-header">
        <span className="app-name">Physical AI Reader</span>
        <div className="toolbar" role="toolbar" aria-label="Library tools">
          <PanelButtons panels={LIBRARY_PANELS} side={side} />
        </div>
      </header>
      <div className="library-body">
        <main id="main-content" tabIndex={-1} className="library-main" data-testid="library">
          <h1 ref={heading} tabIndex={-1}>
            Library
          </h1>
          <HandoffPrompt onError={onError} announce={announce} />
          <UpdateNotice />
          {recent && (
            <section className="continue-card" aria-labelledby="continue-heading" data-testid="continue-card">
              <h2 id="continue-heading">Continue reading</h2>
              <p>
                <span className="continue-book">{recent.title}</span>
                <span className="continue-chapter" data-testid="continue-chapter">
                  {recent.lastRead.chapterTitle}
                </span>
                <span className="continue-position" data-testid="continue-position">
                  {percent(recent.lastRead.position)} read
                </span>
              </p>
              <a className="button primary" href={bookHref(recent.id, recent.lastRead.chapterId)} data-testid="continue-link">
                Continue “{recent.lastRead.chapterTitle}”
              </a>
            </section>
          )}
          <section aria-labelledby="books-heading">
            <h2 id="books-heading">Books</h2>
            {books === null ? (
              <p aria-busy="true">Loading…</p>
            ) : books.length === 0 ? (
              <p>No books yet. Import one below.</p>
            ) : (
              <ul className="book-list">
                {books.map((book) => (
                  <li key={book.id} className="book-card" data-testid="book-card">
                    <h3>
                      <a href={bookHref(book.id)} data-testid="open-book">
                        {book.title}
                      </a>
                    </h3>
                    <p className="book-meta">
                      <span data-testid="chapter-count">{book.chapterCount} chapters</span>
                      {book.bundled && <span className="badge">Included with the app</span>}
                    </p>
                    <IndexProgress bookId={book.id} />
                    {book.lastRead && (
                      <p className="book-meta">
                        Last read: {book.lastRead.chapterTitle} ({percent(book.lastRead.position)})
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {policy?.settings.allowImport.value === false ? (
            <p className="hint" data-testid="import-managed">
              Importing books is turned off on this computer. {MANAGED_TEXT}.
            </p>
          ) : (
            <ImportForm onImported={load} />
          )}
        </main>
        {panel && (
          <SidePanel label={panel.label} side={side}>
            <panel.Component announce={announce} onError={onError} />
          </SidePanel>
        )}
      </div>
    </div>
  );
}

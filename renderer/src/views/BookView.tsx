/** The reading view: toolbar, table of contents, the chapter, previous/next, and one side panel at a time. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { BookSummary, ChapterView, TocEntry, TocLink } from '../../../electron/core/contract.js';
import { useAnnounce } from '../components/Announcer.js';
import { ChapterArticle, type LandingRequest, type Place } from '../components/ChapterArticle.js';
import { PanelButtons } from '../components/PanelButtons.js';
import { SidePanel } from '../components/SidePanel.js';
import { Toc } from '../components/Toc.js';
import { useBookmarks } from '../hooks/useBookmarks.js';
import { bookHref, LIBRARY_HREF, navigate } from '../hooks/useRoute.js';
import { useShortcuts, type ShortcutMap } from '../hooks/useShortcuts.js';
import { useSidePanel } from '../hooks/useSidePanel.js';
import { BOOKMARK_WAIT, type BookContext, type Landing } from '../panels/book-context.js';
import { PANELS } from '../panels/registry.js';
import { reader } from '../reader.js';
import { AnnotationsContext, useAnnotationsState } from '../annotations/useAnnotations.js';
import { HighlightLayer } from '../annotations/HighlightLayer.js';
import { paintableOf } from '../annotations/paint-highlights.js';
import { useHighlightShortcut } from '../annotations/useHighlightShortcut.js';
import { usePendingLinkLanding } from '../annotations/useLinkLanding.js';
import { PersonalizedChapter } from '../account/PersonalizedChapter.js';

const NO_LINKS: TocLink[] = [];

interface Props {
  bookId: string;
  chapterId: string | null;
  onError: (err: unknown) => void;
}

export function BookView({ bookId, chapterId, onError }: Props) {
  const [book, setBook] = useState<BookSummary | null>(null);
  const [toc, setToc] = useState<TocEntry[]>([]);
  const [chapter, setChapter] = useState<ChapterView | null>(null);
  const [landing, setLanding] = useState<LandingRequest | null>(null);
  const [tocOpen, setTocOpen] = useState(() => window.matchMedia('(min-width: 60rem)').matches);
  const { bookmarks, reload: reloadBookmarks } = useBookmarks(bookId, onError);
  const announce = useAnnounce();
  const scroller = useRef<HTMLElement>(null);
  const placeRef = useRef<(() => Place) | null>(null);
  // A long chapter fills in over a few frames and has no true place until it is whole: bookmarking waits for it.
  const [placeReady, setPlaceReady] = useState(false);
  const canBookmark = chapter !== null && placeReady;
  const side = useSidePanel();
  const openPanel = side.open;
  const landingSeq = useRef(0);
  const annotations = useAnnotationsState(bookId, onError);
  const highlights = useMemo(() => (chapter && annotations.list ? paintableOf(annotations.list, chapter.id) : []), [annotations.list, chapter]);

  useEffect(() => {
    Promise.all([reader.listBooks({}), reader.getToc({ bookId })]).then(([books, entries]) => {
      const found = books.find((b) => b.id === bookId) ?? null;
      setBook(found);
      setToc(entries);
      // A bare book link opens where the reader left off, else the first chapter.
      const start = found?.lastRead?.chapterId ?? entries[0]?.id;
      if (!chapterId && start) window.location.replace(bookHref(bookId, start));
    }, onError);
    // Not on chapter changes: the redirect is only for arriving at the book without a chapter.
  }, [bookId, onError]);

  useEffect(() => {
    if (!chapterId) return;
    let live = true;
    setLanding((current) => (current?.chapterId === chapterId ? current : null));
    reader.openChapter({ bookId, chapterId }).then((view) => {
      if (!live) return;
      // Rendered here and now, not in a later scheduler task: the chapter is what the reader is waiting for.
      flushSync(() => setChapter(view));
      document.title = `${view.title} · Physical AI Reader`;
    }, onError);
    return () => {
      live = false;
    };
  }, [bookId, chapterId, onError]);

  const goTo = useCallback(
    (target: string, where?: Landing) => {
      if (where) setLanding({ chapterId: target, landing: where, seq: ++landingSeq.current });
      navigate(bookHref(bookId, target));
    },
    [bookId],
  );

  const savePosition = useCallback(
    async (id: string, position: number) => {
      try {
        await reader.saveProgress({ bookId, chapterId: id, position });
      } catch (err) {
        onError(err);
      }
    },
    [bookId, onError],
  );

  const addBookmark = useCallback(async () => {
    const place = placeRef.current?.();
    if (!chapter || !place) {
      // The keyboard shortcut can come before the chapter is whole; the buttons are disabled until then.
      announce(BOOKMARK_WAIT);
      return;
    }
    const label = place.heading ? `${chapter.title}: ${place.heading}` : chapter.title;
    try {
      await reader.addBookmark({
        bookId,
        chapterId: chapter.id,
        position: place.position,
        anchor: place.anchor,
        label: label.slice(0, 300),
      });
      reloadBookmarks();
      announce(`Bookmark added: ${label}`);
    } catch (err) {
      onError(err);
    }
  }, [announce, bookId, chapter, onError, reloadBookmarks]);

  const removeBookmark = useCallback(
    async (bookmarkId: string) => {
      try {
        await reader.removeBookmark({ bookmarkId });
        reloadBookmarks();
        announce('Bookmark removed');
      } catch (err) {
        onError(err);
      }
    },
    [announce, onError, reloadBookmarks],
  );

  const context: BookContext = useMemo(
    () => ({
      bookId,
      bookTitle: book?.title ?? '',
      toc,
      chapter,
      goTo,
      openPanel,
      bookmarks,
      canBookmark,
      addBookmark,
      removeBookmark,
      announce,
      onError,
    }),
    [addBookmark, announce, book, bookId, bookmarks, canBookmark, chapter, goTo, onError, openPanel, removeBookmark, toc],
  );

  usePendingLinkLanding(context, annotations);
  const highlightSelection = useHighlightShortcut(annotations, announce, onError);

  const shortcuts: ShortcutMap = {
    h: highlightSelection,
    Escape: side.close,
    b: () => void addBookmark(),
    c: () => setTocOpen((open) => !open),
  };
  const prev = () => chapter?.prevId && goTo(chapter.prevId);
  const next = () => chapter?.nextId && goTo(chapter.nextId);
  shortcuts.j = shortcuts.ArrowRight = next;
  shortcuts.k = shortcuts.ArrowLeft = prev;
  for (const panel of PANELS) if (panel.shortcut) shortcuts[panel.shortcut] = () => openPanel(panel.id);
  useShortcuts(shortcuts);

  const panel = PANELS.find((p) => p.id === side.panelId);
  const prevEntry = toc.find((e) => e.id === chapter?.prevId);
  const nextEntry = toc.find((e) => e.id === chapter?.nextId);

  return (
    <AnnotationsContext.Provider value={annotations}>
    <div className={`book-layout${tocOpen ? ' toc-open' : ''}${panel ? ' panel-open' : ''}`}>
      <header className="app-header">
        <a href={LIBRARY_HREF} className="back-link" data-testid="nav-library">
          ← Library
        </a>
        <span className="app-name book-name" data-testid="book-title">
          {book?.title ?? ''}
        </span>
        <div className="toolbar" role="toolbar" aria-label="Reading tools">
          <button
            type="button"
            aria-expanded={tocOpen}
            aria-controls="toc"
            onClick={() => setTocOpen((open) => !open)}
            data-testid="toolbar-contents"
          >
            Contents
          </button>
          <button type="button" onClick={() => void addBookmark()} disabled={!canBookmark} title={canBookmark ? undefined : BOOKMARK_WAIT} data-testid="toolbar-bookmark-add">
            Bookmark
          </button>
          <PanelButtons panels={PANELS} side={side} />
        </div>
      </header>

      <nav id="toc" className="toc" aria-label="Table of contents" data-testid="toc" hidden={!tocOpen}>
        <h2 className="toc-heading">Contents</h2>
        <Toc bookId={bookId} entries={toc} links={book?.tocLinks ?? NO_LINKS} currentId={chapter?.id ?? null} />
      </nav>

      <main id="main-content" ref={scroller} className="reading-main" tabIndex={-1}>
        {chapter ? (
          <>
            <PersonalizedChapter bookId={bookId} chapter={chapter} onOpenAccount={() => openPanel('account')} onError={onError}>
              <ChapterArticle
                chapter={chapter}
                bookTitle={book?.title ?? ''}
                landing={landing}
                scroller={scroller}
                placeRef={placeRef}
                onPlaceReady={setPlaceReady}
                savePosition={savePosition}
                onChapterLink={(id, anchor) => goTo(id, anchor ? { kind: 'anchor', anchor } : undefined)}
                highlights={highlights}
                onOpenHighlight={annotations.setOpenId}
              />
            </PersonalizedChapter>
            <HighlightLayer book={context} />
            <nav className="pager" aria-label="Previous and next chapter">
              {chapter.prevId ? (
                <a href={bookHref(bookId, chapter.prevId)} rel="prev" data-testid="chapter-prev">
                  <span className="pager-dir">Previous</span>
                  <span>{prevEntry?.title ?? 'Previous chapter'}</span>
                </a>
              ) : (
                <span />
              )}
              {chapter.nextId && (
                <a href={bookHref(bookId, chapter.nextId)} rel="next" className="pager-next" data-testid="chapter-next">
                  <span className="pager-dir">Next</span>
                  <span>{nextEntry?.title ?? 'Next chapter'}</span>
                </a>
              )}
            </nav>
          </>
        ) : (
          <p className="loading" aria-busy="true">
            Loading…
          </p>
        )}
      </main>

      {panel && (
        <SidePanel label={panel.label} side={side}>
          <panel.Component book={context} />
        </SidePanel>
      )}
    </div>
    </AnnotationsContext.Provider>
  );
}

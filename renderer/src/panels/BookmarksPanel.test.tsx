// @vitest-environment happy-dom
import '../../test/fake-reader.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ChapterView } from '../../../electron/core/contract.js';
import { ChapterArticle, type Place } from '../components/ChapterArticle.js';
import { BOOKMARK_WAIT, type BookContext } from './book-context.js';
import { BookmarksPanel } from './BookmarksPanel.js';
import { LONG_CHAPTER_HTML, windowFilledByFirstPart } from '../../test/progressive-chapter.js';

afterEach(cleanup);

const chapter = (html: string): ChapterView => ({
  bookId: 'book-1', id: 'ch1', title: 'Sensors', file: 'ch1.md', html, outline: [], prevId: null, nextId: null, position: 0,
});

function context(overrides: Partial<BookContext>): BookContext {
  return {
    bookId: 'book-1', bookTitle: 'Robots', toc: [], chapter: chapter('<p>x</p>'), bookmarks: [], canBookmark: true,
    goTo: vi.fn(), openPanel: vi.fn(), addBookmark: vi.fn(async () => undefined), removeBookmark: vi.fn(async () => undefined),
    announce: vi.fn(), onError: vi.fn(),
    ...overrides,
  };
}

describe('bookmarking before the chapter is whole', () => {
  it('the panel’s button is disabled, saying why, until the chapter can be bookmarked', async () => {
    const book = context({ canBookmark: false });
    const { rerender } = render(<BookmarksPanel book={book} />);
    const button = screen.getByTestId('bookmark-add-panel') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('bookmark-wait').textContent).toBe(BOOKMARK_WAIT);
    rerender(<BookmarksPanel book={{ ...book, canBookmark: true }} />);
    expect(screen.queryByTestId('bookmark-wait')).toBeNull();
    await act(async () => button.click());
    expect(book.addBookmark).toHaveBeenCalledOnce();
  });

  it('a long chapter says it has a place only once it is wholly shown', async () => {
    const placeRef = createRef<(() => Place) | null>() as { current: (() => Place) | null };
    const ready: boolean[] = [];
    onTestFinished(windowFilledByFirstPart());
    render(
      <main>
        <ChapterArticle
          chapter={chapter(LONG_CHAPTER_HTML)}
          bookTitle="Robots"
          landing={null}
          scroller={{ current: null }}
          placeRef={placeRef}
          onPlaceReady={(r) => ready.push(r)}
          savePosition={async () => undefined}
          onChapterLink={() => undefined}
        />
      </main>,
    );
    // Shown in part: no place yet, so nothing offers a bookmark.
    expect(ready).toEqual([]);
    expect(placeRef.current).toBeNull();
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(ready).toEqual([true]);
    expect(placeRef.current?.()).toMatchObject({ position: 0 });
  });
});

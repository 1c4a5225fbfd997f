import type { Bookmark } from '../../../electron/core/contract.js';
import { BOOKMARK_WAIT, type Landing, type PanelProps } from './book-context.js';

function landingOf(bookmark: Bookmark): Landing {
  return bookmark.anchor ? { kind: 'anchor', anchor: bookmark.anchor } : { kind: 'position', position: bookmark.position };
}

export function BookmarksPanel({ book }: PanelProps) {
  return (
    <div className="panel" data-testid="bookmarks-panel">
      <h2>Bookmarks</h2>
      <button type="button" onClick={() => void book.addBookmark()} disabled={!book.canBookmark} data-autofocus data-testid="bookmark-add-panel">
        Bookmark this place
      </button>
      {book.chapter && !book.canBookmark && (
        <p className="hint" role="status" data-testid="bookmark-wait">
          {BOOKMARK_WAIT}
        </p>
      )}
      {book.bookmarks.length === 0 ? (
        <p className="hint">No bookmarks yet. Press b while reading to add one.</p>
      ) : (
        <ul className="bookmark-list" data-testid="bookmark-list">
          {book.bookmarks.map((bookmark) => (
            <li key={bookmark.id} data-testid="bookmark-item">
              <button
                type="button"
                className="link-button"
                onClick={() => book.goTo(bookmark.chapterId, landingOf(bookmark))}
                data-testid="bookmark-open"
              >
                {bookmark.label}
              </button>
              <span className="hint">{Math.round(bookmark.position * 100)}%</span>
              <button
                type="button"
                className="small"
                onClick={() => void book.removeBookmark(bookmark.id)}
                aria-label={`Remove bookmark: ${bookmark.label}`}
                data-testid="bookmark-remove"
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

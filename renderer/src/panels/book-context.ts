/**
 * What a side panel of the reading view gets: the open book and chapter, and the actions it may take. New panels
 * (such as "Ask the book") use this and register themselves in ./registry.ts.
 */
import type { Bookmark, ChapterView, TocEntry } from '../../../electron/core/contract.js';

/** Where to land when opening a chapter; without one, the saved reading position is restored. */
export type Landing =
  | { kind: 'position'; position: number }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'terms'; terms: string[] }
  /** An Ask passage: its section's anchor and text; the matching blocks are highlighted. */
  | { kind: 'passage'; anchor: string; text: string }
  /** A highlight: its mark is scrolled to and focused. */
  | { kind: 'annotation'; annotationId: string };

/** What any view gives its side panels, in the library as in the reading view. */
export interface ViewContext {
  announce(message: string): void;
  onError(err: unknown): void;
}

export interface BookContext extends ViewContext {
  bookId: string;
  bookTitle: string;
  toc: TocEntry[];
  chapter: ChapterView | null;
  goTo(chapterId: string, landing?: Landing): void;
  /** Opens (or focuses) a side panel by its registry id. */
  openPanel(panelId: string): void;
  bookmarks: Bookmark[];
  /** False until the open chapter is wholly shown: before, it has no place to bookmark. */
  canBookmark: boolean;
  addBookmark(): Promise<void>;
  removeBookmark(bookmarkId: string): Promise<void>;
}

/** Why bookmarking is not offered yet. */
export const BOOKMARK_WAIT = 'The chapter is still loading; it can be bookmarked once it is shown.';

export interface PanelProps {
  book: BookContext;
}

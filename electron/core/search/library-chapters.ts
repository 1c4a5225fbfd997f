/** The library's stored chapters in the shape search indexes. */
import type { LibraryStore } from '../library/store/library-store.js';
import type { ChapterInput } from './types.js';

export function chapterInputs(store: LibraryStore, bookId: string): ChapterInput[] {
  return store.listChaptersWithSections(bookId).map((c) => ({ chapterTitle: c.title, file: c.file, sections: c.sections }));
}

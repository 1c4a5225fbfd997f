/**
 * The account's view of the library: a chapter's source Markdown (read from the book folder, front matter off)
 * to send for personalization, and rendering of the personalized Markdown through the library's own sanitizing
 * pipeline, so model output gets the same HTML rules as the book.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BookReader } from '../library/book/book-reader.js';
import { importLimits } from '../library/import-limits.js';
import { renderChapter } from '../library/render/render-chapter.js';
import { escapeHtml } from '../library/store/fts-query.js';
import type { LibraryStore } from '../library/store/library-store.js';
import type { ChapterAccess } from './account-methods.js';

export function libraryChapters(library: LibraryStore): ChapterAccess {
  const locate = (bookId: string, chapterId: string) => {
    const book = library.getBook(bookId);
    const chapter = book ? library.listChaptersWithSections(bookId, [chapterId])[0] : undefined;
    return book && chapter ? { book, chapter } : null;
  };
  return {
    chapterSource(bookId, chapterId) {
      const found = locate(bookId, chapterId);
      if (!found) return null;
      const { book, chapter } = found;
      // Read under the import's rules (a file swapped for a link out of the book since import is not sent). The
      // book folder may have moved since import: the stored plain text still lets the service do its job.
      const source = new BookReader(book.sourceDir, importLimits().maxFileBytes).readSource(join(book.sourceDir, chapter.file));
      const markdown = source?.body ?? library.chapterTextByFile(bookId, chapter.file) ?? '';
      if (!markdown.trim()) return null;
      return { title: chapter.title, markdown, contentHash: chapter.contentHash };
    },

    renderMarkdown(bookId, chapterId, markdown) {
      const found = locate(bookId, chapterId);
      // Model output is plain Markdown, never MDX, whatever the chapter was written in.
      const file = (found?.chapter.file ?? 'personalized.md').replace(/\.mdx?$/i, '') + '.md';
      const sourceDir = found?.book.sourceDir;
      try {
        return renderChapter(markdown, {
          bookId,
          flavor: 'markdown',
          file,
          title: found?.chapter.title ?? null,
          assetExists: (rel) => (sourceDir ? existsSync(join(sourceDir, rel)) : false),
          chapterIdForFile: () => null,
          labels: new Map(),
        }).html;
      } catch {
        // Unparseable output is still shown, as inert text.
        return markdown
          .split(/\n{2,}/)
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('\n');
      }
    },
  };
}

/**
 * Finding 9: one malformed percent-escape in a link used to abort the whole import with "URI malformed" and no
 * file name. A broken link is now inert text, and a chapter that cannot be rendered is reported by file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CraftedBooks } from '../../../tests/fixtures/crafted-book.js';
import { importBookFolder } from './import-book.js';
import type { LibraryStore } from './store/library-store.js';
import { tempLibrary, type TempLibrary } from './test-support/temp-library.js';

const books = new CraftedBooks();
let lib: TempLibrary;
let store: LibraryStore;
beforeEach(() => ({ store } = lib = tempLibrary('reader-links-data-')));
afterEach(() => {
  lib.remove();
  books.cleanup();
});

describe('broken links and failed chapters', () => {
  it('imports a chapter with a malformed percent-escape link, keeping the link inert', async () => {
    const dir = books.folder({
      'a.md': '# A\n\nSee [broken](%zz), ![pic](%zz.png), [label](d2l-label:%zz) and [next](b.md).\n',
      'b.md': '# B\n\nFine.\n',
    });
    const r = await importBookFolder(store, dir);
    expect(r.failed).toEqual([]);
    const [a, b] = store.getToc(r.bookId);
    const html = store.openChapter(r.bookId, a!.id)!.html;
    expect(html).toContain('broken');
    expect(html).not.toContain('%zz');
    expect(html).toContain(`data-chapter-id="${b!.id}"`);
    expect(store.openChapter(r.bookId, b!.id)!.html).toContain('Fine.');
  });

  it('names the chapter file when a chapter fails to render', async () => {
    const dir = books.folder({ 'good.md': '# Good\n\nFine.\n', 'slow.md': 'a**'.repeat(26_000) });
    const r = await importBookFolder(store, dir, { limits: { chapterTimeoutMs: 1500 } });
    expect(r.failed).toEqual([{ file: 'slow.md', reason: expect.stringMatching(/took longer than/) }]);
    const slow = store.getToc(r.bookId).find((t) => t.file === 'slow.md')!;
    expect(store.openChapter(r.bookId, slow.id)!.html).toMatch(/could not be rendered: .*took longer than/);
    // A failed chapter is tried again on the next import; the good one is unchanged.
    const again = await importBookFolder(store, dir, { limits: { chapterTimeoutMs: 1500 } });
    expect(again).toMatchObject({ updated: [slow.id], unchanged: 1, failed: [{ file: 'slow.md' }] });
  }, 40_000);
});

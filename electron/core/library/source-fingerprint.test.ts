/** The folder fingerprint that lets a re-import of an unchanged book skip planning: every change must show. */
import { appendFileSync, mkdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CraftedBooks } from '../../../tests/fixtures/crafted-book.js';
import { importBookFolder } from './import-book.js';
import { sourceFingerprint } from './source-fingerprint.js';
import { LibraryStore } from './store/library-store.js';

const books = new CraftedBooks();
afterEach(() => books.cleanup());

const fp = (dir: string) => sourceFingerprint([dir], 'v1');

describe('source fingerprint', () => {
  it('is stable for an untouched folder and changes with the salt', () => {
    const dir = books.folder({ 'a.md': '# A\n', 'part/b.md': '# B\n' });
    expect(fp(dir)).toMatch(/^[0-9a-f]{64}$/);
    expect(fp(dir)).toBe(fp(dir));
    expect(sourceFingerprint([dir], 'v2')).not.toBe(fp(dir));
  });

  it('sees an edit of the same size even when the modification time is set back', async () => {
    const dir = books.folder({ 'part/b.md': '# B\n\nfirst\n' });
    const before = fp(dir);
    const file = join(dir, 'part', 'b.md');
    const { atime, mtime } = statSync(file);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(file, '# B\n\nfirxt\n');
    utimesSync(file, atime, mtime);
    expect(fp(dir)).not.toBe(before);
  });

  it('sees added, removed and renamed files deep down, and a change behind a linked file', () => {
    const outside = books.folder({ 'target.md': '# T\n' });
    const dir = books.folder({ 'deep/er/a.md': '# A\n', 'linked.md': { symlinkTo: join(outside, 'target.md') } });
    const before = fp(dir);
    writeFileSync(join(dir, 'deep', 'er', 'new.md'), '# N\n');
    const added = fp(dir);
    expect(added).not.toBe(before);
    appendFileSync(join(outside, 'target.md'), 'more\n');
    expect(fp(dir)).not.toBe(added);
  });

  it('ignores .git and node_modules, which hold no pages', () => {
    const dir = books.folder({ 'a.md': '# A\n', 'node_modules/x/readme.md': 'x', '.git/HEAD': 'ref' });
    const before = fp(dir);
    writeFileSync(join(dir, 'node_modules', 'x', 'readme.md'), 'changed');
    mkdirSync(join(dir, '.git', 'objects'));
    expect(fp(dir)).toBe(before);
  });

  it('is null for a folder that is not there, and links to folders are not walked', () => {
    expect(fp(join(books.folder({}), 'missing'))).toBeNull();
    const dir = books.folder({ 'a.md': '# A\n' });
    symlinkSync(dir, join(dir, 'loop'));
    expect(fp(dir)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('re-import of an unchanged folder', () => {
  it('returns the stored result without planning, and a changed folder imports again', async () => {
    const store = new LibraryStore(join(books.folder({}), 'library.sqlite'));
    try {
      const dir = books.folder({ 'a.md': '# A\n\nSee [b](b.md).\n', 'b.md': '# B\n\nText.\n', 'big.md': `# Big\n\n${'word '.repeat(100)}\n` });
      const limits = { maxFileBytes: 200 };
      const first = await importBookFolder(store, dir, { limits });
      expect(first.skipped).toEqual([{ file: 'big.md', reason: expect.stringContaining('200-byte limit') }]);
      const started = performance.now();
      const again = await importBookFolder(store, dir, { limits });
      // No worker starts on this path (one takes seconds under tsx).
      expect(performance.now() - started).toBeLessThan(1000);
      expect(again).toEqual({ ...first, added: [], updated: [], removed: [], unchanged: 2 });
      // Other limits are another import.
      expect((await importBookFolder(store, dir)).skipped).toEqual([]);
      writeFileSync(join(dir, 'b.md'), '# B\n\nNew text.\n');
      const changed = await importBookFolder(store, dir);
      expect(changed).toMatchObject({ updated: [expect.any(String)], unchanged: 2 });
    } finally {
      store.close();
    }
  });

  it('sees a change anywhere the import read: the site around a chosen docs folder, JSON its sidebars require', async () => {
    const store = new LibraryStore(join(books.folder({}), 'library.sqlite'));
    try {
      const site = books.folder({
        'docusaurus.config.js': "module.exports = { title: 'Order' };",
        'sidebars.js': "module.exports = require('./order.json');",
        'order.json': JSON.stringify({ s: ['intro', 'second'] }),
        'docs/intro.md': '# Intro\n',
        'docs/second.md': '# Second\n',
      });
      const order = async () => store.getToc((await importBookFolder(store, join(site, 'docs'))).bookId).map((t) => t.title);
      expect(await order()).toEqual(['Intro', 'Second']);
      expect(await order()).toEqual(['Intro', 'Second']);
      writeFileSync(join(site, 'order.json'), JSON.stringify({ s: ['second', 'intro'] }));
      expect(await order()).toEqual(['Second', 'Intro']);
    } finally {
      store.close();
    }
  });
});

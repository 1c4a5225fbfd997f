/** A folder of Markdown files with no table of contents: index/README first, then by (natural) name. */
import { join, posix } from 'node:path';
import { byName, firstH1, str } from './book-files.js';
import type { BookReader } from './book-reader.js';
import type { PlannedChapter } from './types.js';

export function planPlainMarkdown(book: BookReader): PlannedChapter[] {
  const files = book.listMarkdown(book.root);
  const isIndex = (f: string) => /^(index|readme)\.mdx?$/i.test(posix.basename(f));
  files.sort((a, b) => {
    const da = posix.dirname(a), db = posix.dirname(b);
    if (da !== db) return byName(a, b);
    return Number(isIndex(b)) - Number(isIndex(a)) || byName(a, b);
  });
  return files.flatMap((file) => {
    const src = book.readSource(join(book.root, file));
    if (!src) return [];
    const dir = posix.dirname(file);
    return [{
      file,
      title: str(src.data.title) ?? firstH1(src.body),
      depth: dir === '.' ? 0 : dir.split('/').length,
      parents: dir === '.' ? [] : dir.split('/'),
      body: src.body,
    }];
  });
}

/** A folder of Markdown files with no table of contents: index/README first, then by (natural) name. */
import { join, posix } from 'node:path';
import { byName, firstH1, listMarkdown, readSource, str } from './book-files.js';
import type { PlannedChapter } from './types.js';

export function planPlainMarkdown(bookDir: string): PlannedChapter[] {
  const files = listMarkdown(bookDir);
  const isIndex = (f: string) => /^(index|readme)\.mdx?$/i.test(posix.basename(f));
  files.sort((a, b) => {
    const da = posix.dirname(a), db = posix.dirname(b);
    if (da !== db) return byName(a, b);
    return Number(isIndex(b)) - Number(isIndex(a)) || byName(a, b);
  });
  return files.map((file) => {
    const src = readSource(join(bookDir, file));
    const dir = posix.dirname(file);
    return {
      file,
      title: str(src.data.title) ?? firstH1(src.body),
      depth: dir === '.' ? 0 : dir.split('/').length,
      parents: dir === '.' ? [] : dir.split('/'),
      body: src.body,
    };
  });
}

/**
 * d2l-book order: ```toc blocks in index.md list chapter folders' index pages, whose own toc blocks list their
 * sections (recursively). The root index.md is the book's cover, not a chapter.
 */
import { join, posix } from 'node:path';
import { cleanHeading, firstH1, isFile, type SourceFile } from './book-files.js';
import type { BookReader } from './book-reader.js';
import type { PlannedChapter } from './types.js';

/** d2l books nest parts, chapters and sections; deeper toc chains are not followed (and cannot exhaust the stack). */
const MAX_TOC_DEPTH = 16;

/** Entries of every ```toc block in a page (option lines like `:maxdepth:` skipped). */
export function tocEntries(body: string): string[] {
  const out: string[] = [];
  const re = /^```+toc[ \t]*\n([\s\S]*?)^```+[ \t]*$/gm;
  for (const m of body.matchAll(re)) {
    for (const line of m[1]!.split('\n')) {
      const t = line.trim();
      if (t && !t.startsWith(':')) out.push(t);
    }
  }
  return out;
}

/** `index`: the book's root index.md, already read. */
export function planD2l(book: BookReader, index: SourceFile): { chapters: PlannedChapter[]; title: string; labels: Map<string, { file: string; title: string }> } {
  const chapters: PlannedChapter[] = [];
  const labels = new Map<string, { file: string; title: string }>();
  const seen = new Set<string>();
  const visit = (fromFile: string, body: string, depth: number) => {
    if (depth > MAX_TOC_DEPTH) return;
    for (const entry of tocEntries(body)) {
      const file = posix.normalize(posix.join(posix.dirname(fromFile), entry.replace(/\.md$/, '') + '.md'));
      if (file.startsWith('..') || seen.has(file) || !isFile(join(book.root, file))) continue;
      seen.add(file);
      const src = book.readSource(join(book.root, file));
      if (!src) continue;
      chapters.push({ file, title: null, depth, parents: [], body: src.body });
      for (const m of src.body.matchAll(/^#{1,6}[ \t]+(.+)\n:label:`([^`]+)`/gm)) labels.set(m[2]!, { file, title: cleanHeading(m[1]!) });
      visit(file, src.body, depth + 1);
    }
  };
  visit('index.md', index.body, 0);
  return { chapters, title: firstH1(index.body) ?? 'Untitled book', labels };
}

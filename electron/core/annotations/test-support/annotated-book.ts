/** Helpers for annotation tests and the bench: write an edition of a book folder, and select words in a chapter as the page would. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReaderCore } from '../../reader-core.js';
import { anchorTextOfHtml } from '../../library/render/anchor-text.js';

/** Makes `dir` hold exactly this edition's files (the folder is emptied first, so dropped files are gone). */
export function writeEdition(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export async function chapterIdOf(core: ReaderCore, bookId: string, file: string): Promise<string> {
  const entry = (await core.getToc({ bookId })).find((t) => t.file === file);
  if (!entry) throw new Error(`no chapter ${file}`);
  return entry.id;
}

/** The chapter's anchor text as the page computes it. */
export async function chapterText(core: ReaderCore, bookId: string, chapterId: string): Promise<string> {
  return anchorTextOfHtml((await core.openChapter({ bookId, chapterId })).html);
}

/** Offset of `words` where `at` (a unique text starting with them) is, or of their only occurrence. */
export function offsetIn(text: string, words: string, at?: string): number {
  const key = at ?? words;
  const i = text.indexOf(key);
  if (i < 0 || text.indexOf(key, i + 1) >= 0) throw new Error(`"${key}" is not in the text exactly once`);
  if (!key.startsWith(words)) throw new Error(`"${key}" does not start with "${words}"`);
  return i;
}

/** A selection of `words` in a chapter, as the page reports one. */
export async function select(core: ReaderCore, bookId: string, file: string, words: string, at?: string) {
  const chapterId = await chapterIdOf(core, bookId, file);
  const start = offsetIn(await chapterText(core, bookId, chapterId), words, at);
  return { chapterId, start, end: start + words.length, exact: words };
}

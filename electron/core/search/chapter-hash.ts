import { createHash } from 'node:crypto';
import type { ChapterInput } from './types.js';

/** What was indexed for a chapter: any change to its title or sections changes the hash. */
export function chapterHash(ch: ChapterInput): string {
  return createHash('sha256').update(JSON.stringify([ch.chapterTitle, ch.sections])).digest('hex').slice(0, 32);
}

export function contentHash(hashes: Record<string, string>): string {
  const h = createHash('sha256');
  for (const file of Object.keys(hashes).sort()) h.update(`${file}\0${hashes[file]}\n`);
  return h.digest('hex').slice(0, 32);
}

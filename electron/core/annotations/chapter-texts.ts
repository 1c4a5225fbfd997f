/**
 * Chapter anchor texts (with their heading offsets), as stored at import (or made from the stored HTML for a chapter
 * imported before they were kept) and kept for a while,
 * keyed by content hash so a new edition is never served stale. Also where a passage sits in its chapter's
 * sections: the heading path (for the stored target) and the heading id (for scrolling to it).
 */
import { anchorTextWithHeadings, type AnchorText } from '../library/render/anchor-text.js';
import type { AnnotationStore, ChapterMeta } from './annotation-store.js';

const KEEP = 64;

export class ChapterTexts {
  private readonly cache = new Map<string, AnchorText & { hash: string }>();

  constructor(private readonly store: AnnotationStore) {}

  get(bookId: string, chapter: ChapterMeta): AnchorText {
    const key = `${bookId}\n${chapter.id}`;
    const hit = this.cache.get(key);
    if (hit && hit.hash === chapter.contentHash) {
      // Most recently used last, so the oldest is dropped first.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const row = this.store.chapterText(bookId, chapter.id);
    const made = row?.anchorText ? (JSON.parse(row.anchorText) as AnchorText) : anchorTextWithHeadings(row?.html ?? '');
    const text = { ...made, hash: row?.contentHash ?? chapter.contentHash };
    this.cache.delete(key);
    this.cache.set(key, text);
    if (this.cache.size > KEEP) this.cache.delete(this.cache.keys().next().value!);
    return text;
  }
}

/** The heading texts from the chapter title down to the section holding `offset`, and that section's heading id. */
export function sectionAt(chapter: ChapterMeta, text: AnchorText, offset: number): { path: string[]; anchor: string } {
  const titles = new Map(chapter.outline.map((o) => [o.anchor, o.text]));
  const stack: { depth: number; text: string; id: string }[] = [];
  for (const h of text.headings) {
    if (h.offset > offset) break;
    const title = titles.get(h.id);
    if (title === undefined) continue;
    while (stack.length > 0 && stack.at(-1)!.depth >= h.depth) stack.pop();
    stack.push({ depth: h.depth, text: title, id: h.id });
  }
  const path = [chapter.title, ...stack.map((s) => s.text).filter((t, i) => !(i === 0 && t === chapter.title))];
  return { path, anchor: stack.at(-1)?.id ?? '' };
}

/**
 * What the Notes panel lists: the book's highlights (already in reading order) filtered by colour and by words in
 * their quote or note, placed ones grouped by the chapter they sit in now, and the orphans apart.
 */
import type { Annotation, HighlightColor } from '../../../electron/core/contract.js';

export interface ChapterGroup {
  chapterId: string;
  title: string;
  items: Annotation[];
}

export interface NotesView {
  groups: ChapterGroup[];
  orphans: Annotation[];
  /** Placed with low confidence after a new edition. */
  reviewCount: number;
  shown: number;
}

export const quoteOf = (a: Annotation): string => a.anchor.exact || a.target.quote.exact;

function matches(a: Annotation, words: string[]): boolean {
  if (words.length === 0) return true;
  const hay = `${quoteOf(a)}\n${a.target.quote.exact}\n${a.note}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function notesView(list: readonly Annotation[], colors: ReadonlySet<HighlightColor>, query: string): NotesView {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups: ChapterGroup[] = [];
  const byChapter = new Map<string, ChapterGroup>();
  const orphans: Annotation[] = [];
  let reviewCount = 0;
  let shown = 0;
  for (const a of list) {
    if ((colors.size > 0 && !colors.has(a.color)) || !matches(a, words)) continue;
    shown++;
    if (a.anchor.status === 'orphan' || !a.anchor.chapterId) {
      orphans.push(a);
      continue;
    }
    if (a.anchor.status === 'review') reviewCount++;
    let group = byChapter.get(a.anchor.chapterId);
    if (!group) {
      group = { chapterId: a.anchor.chapterId, title: a.anchor.chapterTitle ?? 'Chapter', items: [] };
      byChapter.set(a.anchor.chapterId, group);
      groups.push(group);
    }
    group.items.push(a);
  }
  return { groups, orphans, reviewCount, shown };
}

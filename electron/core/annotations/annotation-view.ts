/** Stored highlights as the contract shows them: where each sits now, its rendered note, its thread; in reading order. */
import type { Annotation, TextAnchor } from '../contract.js';
import type { AnnotationRow, ChapterMeta, StoredAnchor } from './annotation-store.js';

const ORPHAN: TextAnchor = { status: 'orphan', chapterId: null, chapterTitle: null, start: 0, end: 0, score: 0, exact: '', sectionAnchor: '' };

/** A stored anchor as the page sees it; `chapterTitle` undefined: its chapter is gone, so it is an orphan. */
export function anchorView(a: StoredAnchor, chapterTitle: string | null | undefined): TextAnchor {
  if (a.status === 'orphan' || a.chapterId === null || chapterTitle === undefined) return ORPHAN;
  return { status: a.status, chapterId: a.chapterId, chapterTitle, start: a.start, end: a.end, score: a.score, exact: a.exact, sectionAnchor: a.section };
}

/** Reads no chapter text: the text each sits on and its section were stored when it was anchored. */
export function toAnnotations(rows: AnnotationRow[], chapters: ChapterMeta[], threads: Map<string, string>): Annotation[] {
  const byId = new Map(chapters.map((c) => [c.id, c]));
  const view = (r: AnnotationRow): Annotation => {
    const chapter = r.anchor.chapterId === null ? undefined : byId.get(r.anchor.chapterId);
    const anchor = anchorView(r.anchor, chapter?.title);
    return {
      id: r.id,
      bookId: r.bookId,
      color: r.color,
      note: r.note,
      noteHtml: r.noteHtml,
      target: r.target,
      anchor,
      threadId: threads.get(r.id) ?? null,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  };
  const ord = (a: Annotation) => (a.anchor.chapterId === null ? Infinity : (byId.get(a.anchor.chapterId)?.ord ?? Infinity));
  // Reading order: chapter, then place in it; orphans last, oldest first.
  return rows
    .map(view)
    .sort((a, b) => ord(a) - ord(b) || a.anchor.start - b.anchor.start || a.createdAt.localeCompare(b.createdAt));
}

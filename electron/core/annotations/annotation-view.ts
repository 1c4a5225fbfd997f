/** Stored highlights as the contract shows them: where each sits now, its rendered note, its thread; in reading order. */
import type { Annotation, TextAnchor } from '../contract.js';
import type { AnnotationRow, ChapterMeta } from './annotation-store.js';
import { sectionAt, type ChapterTexts } from './chapter-texts.js';
import { noteToHtml } from './note-html.js';

export function toAnnotations(rows: AnnotationRow[], chapters: ChapterMeta[], texts: ChapterTexts, threads: Map<string, string>): Annotation[] {
  const byId = new Map(chapters.map((c) => [c.id, c]));
  // Once per chapter per call, whatever order the rows come in.
  const seen = new Map<string, ReturnType<ChapterTexts['get']>>();
  const textOf = (bookId: string, c: ChapterMeta) => {
    let t = seen.get(c.id);
    if (!t) seen.set(c.id, (t = texts.get(bookId, c)));
    return t;
  };
  const view = (r: AnnotationRow): Annotation => {
    const chapter = r.anchor.chapterId === null ? undefined : byId.get(r.anchor.chapterId);
    let anchor: TextAnchor;
    if (r.anchor.status === 'orphan' || !chapter) {
      anchor = { status: 'orphan', chapterId: null, chapterTitle: null, start: 0, end: 0, score: 0, exact: '', sectionAnchor: '' };
    } else {
      const text = textOf(r.bookId, chapter);
      anchor = {
        status: r.anchor.status,
        chapterId: chapter.id,
        chapterTitle: chapter.title,
        start: r.anchor.start,
        end: r.anchor.end,
        score: r.anchor.score,
        exact: text.text.slice(r.anchor.start, r.anchor.end),
        sectionAnchor: sectionAt(chapter, text, r.anchor.start).anchor,
      };
    }
    return {
      id: r.id,
      bookId: r.bookId,
      color: r.color,
      note: r.note,
      noteHtml: noteToHtml(r.note),
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

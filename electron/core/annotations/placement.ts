/**
 * Where highlights sit in the current edition of their book. A new highlight is placed where the reader selected
 * (checked against the chapter's text); an existing one is re-anchored from its selectors: position if it still
 * reproduces the quote, else approximate quote search in its chapter, then across the book (anchor-in-book.ts).
 *
 * Status 'anchored' (placed with confidence) when found by position, or when the quote is there verbatim (whitespace
 * aside) and either is long enough to stand alone (>= LONG_QUOTE chars) or keeps its context on one side
 * (>= CONTEXT_KEPT similarity: a sentence inserted right before or after changes only the other side), or when the
 * quote differs by a typo at most (>= NEAR_QUOTE similarity) with context kept on one side. 'review' for any other
 * match scoring at least MIN_SCORE (reworded words, a short quote whose context changed); 'orphan' when nothing in
 * the book scores MIN_SCORE (anchoring.ts). The score (quote, prefix, suffix and position weighted) is kept.
 */
import { ReaderError, type TextTarget } from '../contract.js';
import { anchorInText, describeRange } from './anchoring.js';
import { BookText, type ChapterText } from './anchor-in-book.js';
import type { AnnotationStore, ChapterMeta, StoredAnchor } from './annotation-store.js';
import { sectionAt, type ChapterTexts } from './chapter-texts.js';
import type { AnchorText } from '../library/render/anchor-text.js';
import { collapseWhitespace } from './normalized-text.js';

export const LONG_QUOTE = 32;
export const CONTEXT_KEPT = 0.9;
export const NEAR_QUOTE = 0.97;

export interface Selection {
  chapterId: string;
  start: number;
  end: number;
  exact: string;
}

const sameWords = (a: string, b: string) => collapseWhitespace(a).trim() === collapseWhitespace(b).trim();

export class Placement {
  constructor(
    private readonly store: AnnotationStore,
    private readonly texts: ChapterTexts,
  ) {}

  /** The selectors of a reader's selection, checked: its text must be at start..end, or found by quote near there. */
  targetOf(bookId: string, sel: Selection): { target: TextTarget; anchor: StoredAnchor } {
    const chapter = this.store.chapter(bookId, sel.chapterId);
    if (!chapter) throw new ReaderError('not_found', 'That chapter is not in this book.', { field: 'selection.chapterId', chapterId: sel.chapterId });
    const text = this.texts.get(bookId, chapter);
    let { start, end } = sel;
    if (end > text.text.length || !sameWords(text.text.slice(start, end), sel.exact)) {
      const found = anchorInText(text.text, {
        quote: { type: 'TextQuoteSelector', exact: sel.exact, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: Math.min(start, text.text.length), end: Math.min(end, text.text.length + 1) },
      });
      if (!found || !sameWords(text.text.slice(found.start, found.end), sel.exact)) {
        throw new ReaderError('invalid_input', 'The selected text is not in this chapter; select it again.', { field: 'selection.exact', chapterId: chapter.id });
      }
      ({ start, end } = found);
    }
    const { quote, position } = describeRange(text.text, start, end);
    const target: TextTarget = {
      chapterId: chapter.id,
      file: chapter.file,
      quote,
      position,
      sectionPath: sectionAt(chapter, text, start).path,
      contentHash: chapter.contentHash,
    };
    const anchor: StoredAnchor = {
      status: 'anchored',
      chapterId: chapter.id,
      start,
      end,
      score: 1,
      hash: chapter.contentHash,
      exact: text.text.slice(start, end),
      section: sectionAt(chapter, text, start).anchor,
    };
    return { target, anchor };
  }

  /**
   * Selectors for the stretch of a chapter that starts with `words` (e.g. the head of a passage an answer cites),
   * found whitespace-insensitively near the top of the section with that heading id; null when the words are not there.
   */
  targetOfWords(bookId: string, chapterId: string, words: string): { target: TextTarget; anchor: StoredAnchor } | null {
    const chapter = this.store.chapter(bookId, chapterId);
    const head = words.trim();
    if (!chapter || !head) return null;
    const text = this.texts.get(bookId, chapter);
    const hit = anchorInText(text.text, { quote: { type: 'TextQuoteSelector', exact: head, prefix: '', suffix: '' } });
    return hit ? this.targetOf(bookId, { chapterId, start: hit.start, end: hit.end, exact: text.text.slice(hit.start, hit.end) }) : null;
  }

  /** Anchors many targets of one book against its current edition (chapter texts are read only when needed). */
  anchorAll(bookId: string, targets: { id: string; target: TextTarget }[]): Map<string, StoredAnchor> {
    const chapters = this.store.chapters(bookId);
    const byId = new Map(chapters.map((c) => [c.id, c]));
    // Each chapter's text is computed at most once per call (whatever the cache keeps), and only if a highlight needs it.
    const read = new Map<string, AnchorText>();
    const textOf = (c: ChapterMeta): AnchorText => {
      let t = read.get(c.id);
      if (!t) read.set(c.id, (t = this.texts.get(bookId, c)));
      return t;
    };
    const lazy = (c: ChapterMeta): ChapterText => ({
      id: c.id,
      get text() {
        return textOf(c).text;
      },
    });
    const book = new BookText(chapters.map(lazy));
    const out = new Map<string, StoredAnchor>();
    for (const { id, target } of targets) {
      const a = book.anchor({ quote: target.quote, position: target.position }, target.chapterId);
      if (!a) {
        out.set(id, { status: 'orphan', chapterId: null, start: 0, end: 0, score: 0, hash: byId.get(target.chapterId)?.contentHash ?? '', exact: '', section: '' });
        continue;
      }
      const contextKept = Math.max(a.parts.prefix, a.parts.suffix) >= CONTEXT_KEPT;
      const sure =
        a.how === 'position' ||
        (a.parts.quote === 1 && (contextKept || collapseWhitespace(target.quote.exact).trim().length >= LONG_QUOTE)) ||
        (a.parts.quote >= NEAR_QUOTE && contextKept);
      const status = sure ? 'anchored' : 'review';
      const chapter = byId.get(a.chapterId)!;
      const text = textOf(chapter);
      out.set(id, {
        status,
        chapterId: a.chapterId,
        start: a.start,
        end: a.end,
        score: a.score,
        hash: chapter.contentHash,
        exact: text.text.slice(a.start, a.end),
        section: sectionAt(chapter, text, a.start).anchor,
      });
    }
    return out;
  }

  /** Whether a stored anchor was computed against another edition than the book's current one. */
  static isStale(anchor: StoredAnchor, target: TextTarget, hashes: Map<string, string>): boolean {
    const chapterId = anchor.status === 'orphan' ? target.chapterId : anchor.chapterId!;
    return (hashes.get(chapterId) ?? '') !== anchor.hash;
  }
}

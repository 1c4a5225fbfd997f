/**
 * Selectors for the passages an answer cites, and where they sit now. A passage is a section's text as the search
 * index chunked it; its first words are looked up (whitespace-insensitive, approximately) in the chapter's anchor
 * text, the same text highlights are anchored in, so a citation keeps the same W3C selectors as a highlight and is
 * found again in a new edition of the book, even in another chapter.
 */
import type { AskCitationRecord, TextAnchor, TextTarget } from '../contract.js';
import { anchorTextOfHtml } from '../annotations/anchor-text.js';
import { BookText, type BookAnchor } from '../annotations/anchor-in-book.js';
import { anchorInText, describeRange } from '../annotations/anchoring.js';
import { collapseWhitespace } from '../annotations/normalized-text.js';
import type { ChapterWithSections, LibraryStore } from '../library/store/library-store.js';
import type { StoredCitation } from './ask-thread-store.js';

/** How much of a passage is looked up: enough words to be unique, few enough to be found after small edits. */
export const QUOTE_HEAD_CHARS = 200;
/** Quote matches scoring below this are placed but marked for review. */
const REVIEW_BELOW = 0.75;

export interface CitedPassage {
  chapterId: string;
  /** Element id of the section heading ('' = top of the chapter). */
  anchor: string;
  text: string;
  /** Shown when the chapter is not in the library (else its stored title and section heading are). */
  label: string;
}

interface ChapterText {
  chapter: ChapterWithSections;
  text: string;
}

/** The chapters of one book, with their anchor texts read once and only when needed. */
class BookChapters {
  private chapters: ChapterWithSections[] | null = null;
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly store: LibraryStore,
    private readonly bookId: string,
  ) {}

  all(): ChapterWithSections[] {
    return (this.chapters ??= this.store.listChaptersWithSections(this.bookId));
  }

  find(chapterId: string): ChapterWithSections | undefined {
    return this.all().find((c) => c.id === chapterId);
  }

  text(chapterId: string): string {
    let t = this.texts.get(chapterId);
    if (t === undefined) {
      t = anchorTextOfHtml(this.store.openChapter(this.bookId, chapterId)?.html ?? '');
      this.texts.set(chapterId, t);
    }
    return t;
  }

  withText(chapterId: string): ChapterText | null {
    const chapter = this.find(chapterId);
    return chapter ? { chapter, text: this.text(chapterId) } : null;
  }
}

/** Element id of the section holding `offset`: the last heading whose text starts at or before it. */
function sectionAnchorAt({ chapter, text }: ChapterText, offset: number): string {
  let anchor = '';
  let from = 0;
  for (const s of chapter.sections) {
    if (!s.anchor || !s.heading) continue;
    const at = text.indexOf(s.heading, from);
    if (at < 0) continue;
    if (at > offset) break;
    anchor = s.anchor;
    from = at + s.heading.length;
  }
  return anchor;
}

/** Each passage as a kept citation numbered from 1, with selectors (null when its words are not in its chapter). */
export function describeCitations(store: LibraryStore, bookId: string, passages: readonly CitedPassage[]): StoredCitation[] {
  const book = new BookChapters(store, bookId);
  return passages.map((p, i) => {
    const found = book.withText(p.chapterId);
    if (!found) return { n: i + 1, chapterTitle: p.label, heading: '', target: null };
    const section = found.chapter.sections.find((s) => s.anchor === p.anchor);
    const cited = { n: i + 1, chapterTitle: found.chapter.title, heading: section?.heading ?? '' };
    const head = p.text.trim().slice(0, QUOTE_HEAD_CHARS);
    const hit = head ? anchorInText(found.text, { quote: { type: 'TextQuoteSelector', exact: head, prefix: '', suffix: '' } }) : null;
    if (!hit) return { ...cited, target: null };
    const { quote, position } = describeRange(found.text, hit.start, hit.end);
    return {
      ...cited,
      target: {
        chapterId: p.chapterId,
        file: found.chapter.file,
        quote,
        position,
        sectionPath: section?.path.length ? section.path : [found.chapter.title],
        contentHash: found.chapter.contentHash,
      },
    };
  });
}

/** Where each kept citation sits in the book as it is now: by position in an unchanged chapter, else by quote. */
export function placeCitations(store: LibraryStore, bookId: string, citations: readonly StoredCitation[]): AskCitationRecord[] {
  const book = new BookChapters(store, bookId);
  let whole: BookText | null = null;
  const place = (target: TextTarget): TextAnchor => {
    const home = book.find(target.chapterId);
    let hit: BookAnchor | null;
    if (home && home.contentHash === target.contentHash) {
      // The same edition: the position reproduces the quote, no other chapter needs reading.
      const a = anchorInText(book.text(home.id), target);
      hit = a ? { ...a, chapterId: home.id } : null;
    } else {
      whole ??= new BookText(book.all().map((c) => ({ id: c.id, text: book.text(c.id) })));
      hit = whole.anchor(target, target.chapterId);
    }
    const at = hit ? book.withText(hit.chapterId) : null;
    if (!hit || !at) {
      return { status: 'orphan', chapterId: null, chapterTitle: null, start: 0, end: 0, score: 0, exact: '', sectionAnchor: '' };
    }
    const exact = at.text.slice(hit.start, hit.end);
    // The same words are the same passage, however its surroundings changed (they weigh in the score).
    const sameWords = collapseWhitespace(exact) === collapseWhitespace(target.quote.exact);
    return {
      status: hit.how === 'position' || sameWords || hit.score >= REVIEW_BELOW ? 'anchored' : 'review',
      chapterId: at.chapter.id,
      chapterTitle: at.chapter.title,
      start: hit.start,
      end: hit.end,
      score: hit.score,
      exact,
      sectionAnchor: sectionAnchorAt(at, hit.start),
    };
  };
  return citations.map((c) => ({ ...c, anchor: c.target ? place(c.target) : null }));
}

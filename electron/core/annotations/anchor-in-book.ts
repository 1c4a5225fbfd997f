/**
 * Anchoring across a whole book: a paragraph may move to another chapter in a new edition. The highlight's own
 * chapter is tried first; other chapters only when it scores poorly there, and they win only by scoring higher.
 * Other chapters are first searched for the words verbatim (cheap), and approximately only when that fails.
 */
import { anchorInText, type Anchor, type TextPositionSelector, type TextQuoteSelector } from './anchoring.js';
import { normalizeWhitespace, type NormalizedText } from './normalized-text.js';

/** A match at least this good in the highlight's own chapter is not second-guessed by searching the others. */
export const GOOD_ENOUGH = 0.9;
/** Quote similarity in its own chapter above which other chapters are not searched approximately. */
export const STILL_HOME = 0.8;

export interface ChapterText {
  id: string;
  text: string;
}

export interface BookAnchor extends Anchor {
  chapterId: string;
}

/** Chapter texts with their whitespace-normalized forms, built once for many highlights. */
export class BookText {
  private readonly norms = new Map<string, NormalizedText>();

  constructor(readonly chapters: readonly ChapterText[]) {}

  normalized(chapter: ChapterText): NormalizedText {
    let n = this.norms.get(chapter.id);
    if (!n) this.norms.set(chapter.id, (n = normalizeWhitespace(chapter.text)));
    return n;
  }

  anchor(selectors: { quote: TextQuoteSelector; position?: TextPositionSelector }, homeChapterId: string): BookAnchor | null {
    const home = this.chapters.find((c) => c.id === homeChapterId);
    const atHome = home ? anchorInText(home.text, selectors, this.normalized(home)) : null;
    if (atHome && atHome.score >= GOOD_ENOUGH) return { ...atHome, chapterId: homeChapterId };
    let best: BookAnchor | null = atHome && home ? { ...atHome, chapterId: home.id } : null;
    // Elsewhere the old offsets mean nothing: search by quote and context only.
    const byQuote = { quote: selectors.quote };
    const others = this.chapters.filter((c) => c.id !== homeChapterId);
    for (const exactOnly of [true, false]) {
      // The approximate pass over the whole book is the costly one: skipped when the words are still mostly there
      // in their own chapter (reworded in place), or found verbatim somewhere.
      if (!exactOnly && best && (best.score >= GOOD_ENOUGH || (best.chapterId === homeChapterId && best.parts.quote >= STILL_HOME))) break;
      for (const c of others) {
        const a = anchorInText(c.text, byQuote, this.normalized(c), exactOnly);
        if (a && (!best || a.score > best.score)) best = { ...a, chapterId: c.id };
      }
    }
    return best;
  }
}

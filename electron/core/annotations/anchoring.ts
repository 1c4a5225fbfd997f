/**
 * Where a highlight sits in a chapter's text, found again after the text changed. The selectors follow the W3C
 * Web Annotation model: a TextQuote (the exact words with some context either side) and a TextPosition (offsets in
 * the chapter's plain text). Anchoring tries the position first (it must reproduce the quote), then an approximate
 * search for the quote (Myers' bit-parallel matcher from approx-string-match), scoring each candidate on the quote,
 * its prefix and suffix, and its closeness to the old position, so a short quote repeated many times lands where
 * its context says.
 */
import search from 'approx-string-match';
import { collapseWhitespace, normalizeWhitespace, type NormalizedText } from './normalized-text.js';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export interface Anchor {
  start: number;
  end: number;
  /** 0..1: 1 is the same words in the same context; lower scores deserve a second look by the reader. */
  score: number;
  how: 'position' | 'quote';
  /** 0..1 similarity of the quote itself and of each side's context (1 for a position match). */
  parts: { quote: number; prefix: number; suffix: number };
}

/** Characters of context kept either side of the quote (as Hypothesis does). */
export const CONTEXT_CHARS = 32;

/** Below this a fuzzy match is not trusted at all. */
export const MIN_SCORE = 0.5;

// How much each part counts in a candidate's score. The quote matters most; prefix and suffix tell repeated quotes
// apart; the old position only breaks ties.
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
/** Verbatim occurrences scored before giving up on the fast path (a quote like "the" occurs thousands of times). */
const MAX_EXACT_CANDIDATES = 5000;
/** Of those, how many have their context scored (see shortlist). */
const MAX_SCORED = 32;
/** A verbatim occurrence scoring this well (its context matches too) is not searched for approximately. */
const EXACT_IS_ENOUGH = 0.9;
/** Pieces of the quote looked up verbatim to find where an approximate match may be (see candidateWindows). */
const SEED = 10;
const MAX_SEEDS = 8;
const MAX_SEED_HITS = 20;

export function describeRange(text: string, start: number, end: number): TextSelectors {
  if (!(start >= 0 && end > start && end <= text.length)) throw new RangeError(`no text between ${start} and ${end}`);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: text.slice(end, end + CONTEXT_CHARS),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/**
 * 1 - (edit distance / length) of `pattern` against the best place in `window`; 1 when there is nothing to compare.
 * A plain dynamic program (free start and end in the window): contexts are ~40 characters, and the matcher, which
 * also works out where each match starts, cost half a millisecond a call, called twice per occurrence of a quote.
 */
function similarity(window: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (window.length === 0) return 0;
  let prev = new Array<number>(window.length + 1).fill(0);
  let cur = new Array<number>(window.length + 1);
  for (let i = 1; i <= pattern.length; i++) {
    cur[0] = i;
    const c = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= window.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (window.charCodeAt(j - 1) === c ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - Math.min(...prev) / pattern.length;
}

interface Candidate {
  start: number;
  end: number;
  score: number;
  parts: Anchor['parts'];
}

/** Scores every approximate occurrence of the quote in `norm` and returns the best, in normalized offsets. */
function bestQuoteMatch(norm: NormalizedText, quote: TextQuoteSelector, hint: number | null, exactOnly: boolean): Candidate | null {
  const exact = collapseWhitespace(quote.exact);
  const prefix = collapseWhitespace(quote.prefix);
  const suffix = collapseWhitespace(quote.suffix);
  if (exact.trim().length === 0) return null;
  const total = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
  const scored = (m: { start: number; end: number; errors: number }): Candidate => {
    const parts = {
      quote: 1 - m.errors / exact.length,
      prefix: similarity(norm.text.slice(Math.max(0, m.start - prefix.length - 8), m.start), prefix),
      suffix: similarity(norm.text.slice(m.end, m.end + suffix.length + 8), suffix),
    };
    const positionScore = hint === null ? 0.5 : 1 - Math.min(1, Math.abs(m.start - hint) / Math.max(1, norm.text.length));
    const score = (WEIGHTS.quote * parts.quote + WEIGHTS.prefix * parts.prefix + WEIGHTS.suffix * parts.suffix + WEIGHTS.position * positionScore) / total;
    return { start: m.start, end: m.end, score, parts };
  };
  let best: Candidate | null = null;
  // Fast path: the words are usually still there verbatim. Their best occurrence in a matching context settles it
  // without the approximate search, which costs a pass over the whole text per quote.
  const hits: number[] = [];
  for (let i = norm.text.indexOf(exact), n = 0; i >= 0 && n < MAX_EXACT_CANDIDATES; i = norm.text.indexOf(exact, i + 1), n++) hits.push(i);
  for (const i of shortlist(norm.text, hits, exact.length, prefix, suffix, hint)) {
    const c = scored({ start: i, end: i + exact.length, errors: 0 });
    if (!best || c.score > best.score) best = c;
  }
  if (exactOnly || (best && best.score >= EXACT_IS_ENOUGH)) return best;
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  const found: { start: number; end: number; errors: number }[] = [];
  let fewest = Infinity;
  for (const [from, to] of candidateWindows(norm.text, exact, hint)) {
    for (const m of search(norm.text.slice(from, to), exact, maxErrors)) {
      found.push({ start: m.start + from, end: m.end + from, errors: m.errors });
      fewest = Math.min(fewest, m.errors);
    }
  }
  // The matcher reports every end position within the error budget; only the closest few are worth scoring.
  const slack = Math.max(2, Math.ceil(exact.length * 0.05));
  for (const m of found) {
    if (m.errors > fewest + slack) continue;
    const c = scored(m);
    if (!best || c.score > best.score) best = c;
  }
  return best;
}

/**
 * The verbatim occurrences worth scoring: all of a few, else those whose context is kept verbatim the longest and
 * those nearest the old place. Scoring the context approximately costs ~40 µs an occurrence; a word like "the" occurs
 * thousands of times, and a book's highlights of it took seconds each to re-anchor once their context changed.
 */
function shortlist(text: string, hits: number[], length: number, prefix: string, suffix: string, hint: number | null): number[] {
  if (hits.length <= MAX_SCORED) return hits;
  const kept = (i: number) => {
    let n = 0;
    while (n < prefix.length && text[i - 1 - n] === prefix[prefix.length - 1 - n]) n++;
    let m = 0;
    while (m < suffix.length && text[i + length + m] === suffix[m]) m++;
    return n + m;
  };
  const byContext = hits.map((i) => ({ i, k: kept(i) })).sort((a, b) => b.k - a.k).slice(0, MAX_SCORED / 2).map((h) => h.i);
  const byPlace = hint === null ? [] : [...hits].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint)).slice(0, MAX_SCORED / 2);
  return [...new Set([...byContext, ...byPlace])];
}

/**
 * Where an approximate match can be, so the matcher runs on a few short windows instead of the whole text: around
 * each verbatim occurrence of pieces of the quote (SEED characters from evenly spread places: a slightly reworded
 * quote keeps some of them), and around its old place. Windows are padded by half the quote (the error budget).
 */
function candidateWindows(text: string, exact: string, hint: number | null): [number, number][] {
  const pad = Math.ceil(exact.length / 2) + 8;
  const spans: [number, number][] = [];
  if (hint !== null) spans.push([hint - pad, hint + exact.length + pad]);
  if (exact.length >= SEED) {
    const seeds = Math.min(MAX_SEEDS, Math.floor(exact.length / SEED));
    for (let s = 0; s < seeds; s++) {
      const at = seeds === 1 ? 0 : Math.floor((s * (exact.length - SEED)) / (seeds - 1));
      const piece = exact.slice(at, at + SEED);
      for (let i = text.indexOf(piece), n = 0; i >= 0 && n < MAX_SEED_HITS; i = text.indexOf(piece, i + 1), n++) {
        spans.push([i - at - pad, i - at + exact.length + pad]);
      }
    }
  }
  const merged: [number, number][] = [];
  for (const [a, b] of spans.map(([a, b]): [number, number] => [Math.max(0, a), Math.min(text.length, b)]).sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else if (b > a) merged.push([a, b]);
  }
  return merged;
}

/** Normalized offset of an original offset (the first normalized position at or after it). */
function toNormalized(norm: NormalizedText, offset: number): number {
  let lo = 0;
  let hi = norm.toOriginal.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (norm.toOriginal[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Anchors the selectors in one chapter's text. `norm` may be passed when the same text anchors many highlights.
 * Returns null when nothing scores at least MIN_SCORE.
 */
export function anchorInText(
  text: string,
  selectors: { quote: TextQuoteSelector; position?: TextPositionSelector },
  norm: NormalizedText = normalizeWhitespace(text),
  /** Only verbatim occurrences (whitespace aside): a cheap first pass across many chapters. */
  exactOnly = false,
): Anchor | null {
  const { quote, position } = selectors;
  if (position && text.slice(position.start, position.end) === quote.exact && quote.exact.length > 0) {
    return { start: position.start, end: position.end, score: 1, how: 'position', parts: { quote: 1, prefix: 1, suffix: 1 } };
  }
  const hint = position ? toNormalized(norm, position.start) : null;
  const found = bestQuoteMatch(norm, quote, hint, exactOnly);
  if (!found || found.score < MIN_SCORE) return null;
  return {
    start: norm.toOriginal[found.start]!,
    // The end maps through the last matched character, so trailing collapsed spaces are not included.
    end: norm.toOriginal[found.end - 1]! + 1,
    score: Math.round(found.score * 1000) / 1000,
    how: 'quote',
    parts: found.parts,
  };
}

/**
 * Extractive answer: the sentences of the top passages that best cover the question's words, each cited to its
 * passage. No generation happens offline, so every word shown is the book's own.
 */
import { stemOf } from './section-lexicon.js';
import { splitSentences } from './sentences.js';

const STOP = new Set(
  ('a an and are as at be by can do does did for from how i if in into is it its me my of on or our so than that the ' +
    'their them then there these they this to was we were what when where which who whom why will with you your ' +
    'should would could about after before between while also more most some such any each other use used using ' +
    'mean means get gets much many way ways happen happens role work works').split(' '),
);

/** Stemmed as search stems them: questions and text inflect differently ("re-zeroed" / "re-zero"). */
function contentTerms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w)).map(stemOf);
}

export interface AnswerSentence<C> {
  text: string;
  citation: C;
}

/** Prose sentences only: code, tables and one-word fragments make poor answers. */
function isProse(s: string): boolean {
  const words = s.split(/\s+/).length;
  if (words < 5 || words > 80) return false;
  const symbols = (s.match(/[{}();=<>\[\]_#|]/g) ?? []).length;
  return symbols / s.length < 0.04;
}

export function extractAnswer<C>(
  question: string,
  passages: { text: string; citation: C }[],
  maxSentences = 3,
): AnswerSentence<C>[] {
  const q = new Set(contentTerms(question));
  if (q.size === 0) return [];
  const candidates: { text: string; citation: C; terms: Set<string>; rank: number; pos: number }[] = [];
  passages.slice(0, 3).forEach((p, rank) => {
    // Paragraphs and code blocks are separated by blank lines; code is skipped by isProse.
    const sentences = p.text.split(/\n{2,}/).flatMap((para) => splitSentences(para.replace(/\s+/g, ' ')));
    sentences.forEach((text, pos) => {
      if (isProse(text)) candidates.push({ text, citation: p.citation, terms: new Set(contentTerms(text)), rank, pos });
    });
  });
  // Question words that are rare among the candidate sentences say more about which one answers (IDF).
  const weight = new Map<string, number>();
  for (const t of q) {
    const df = candidates.filter((c) => c.terms.has(t)).length;
    // Words no sentence contains cannot tell sentences apart; leaving them out keeps the threshold meaningful.
    weight.set(t, df === 0 ? 0 : Math.log(1 + candidates.length / df));
  }
  const total = [...weight.values()].reduce((a, b) => a + b, 0) || 1;
  const scored: { text: string; citation: C; score: number; order: number }[] = [];
  for (const c of candidates) {
    let covered = 0;
    for (const t of q) if (c.terms.has(t)) covered += weight.get(t)!;
    if (covered === 0) continue;
    // Weighted coverage of the question, a little credit for the passage's rank and for coming early in it.
    const score = covered / total + 0.15 / (c.rank + 1) + 0.05 / (c.pos + 1);
    scored.push({ text: c.text, citation: c.citation, score, order: c.rank * 1000 + c.pos });
  }
  const best = scored.sort((a, b) => b.score - a.score).slice(0, maxSentences);
  if (best.length === 0 || best[0]!.score < 0.4) return [];
  // Keep sentences close to the best one in strength, then show them in reading order.
  return best
    .filter((s) => s.score >= best[0]!.score * 0.6)
    .sort((a, b) => a.order - b.order)
    .map(({ text, citation }) => ({ text, citation }));
}

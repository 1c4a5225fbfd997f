/** Scoring for retrieval benchmarks: a hit is the expected file and heading, both normalised as the question sets define. */
import { readFileSync } from 'node:fs';
import type { OpenBookIndex } from '../../electron/core/search/book-index.js';
import { searchBook, type SearchMode } from '../../electron/core/search/hybrid-search.js';

export interface Question {
  question: string;
  file: string;
  heading: string;
}

export function readQuestions(path: string): Question[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Question);
}

/**
 * The shared format's heading is plain text with the `[[anchor]]` suffix removed; some sets keep the suffix, so it is
 * dropped here before comparing lower-case letters and digits.
 */
const norm = (s: string) => s.replace(/\s*\[\[[^\]]*\]\]\s*$/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

export interface Scores {
  recall1: number;
  recall5: number;
  mrr: number;
  latencies: number[];
  misses: string[];
}

export async function score(idx: OpenBookIndex, questions: Question[], mode: SearchMode): Promise<Scores> {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  const latencies: number[] = [];
  const misses: string[] = [];
  for (const q of questions) {
    const t = performance.now();
    const { passages } = await searchBook(idx, q.question, { k: 10, mode });
    latencies.push(performance.now() - t);
    const rank = passages.findIndex((p) => p.file === q.file && norm(p.heading) === norm(q.heading));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (rank < 0 || rank >= 5) misses.push(`${q.question} -> ${q.file} :: ${q.heading} (got ${passages[0]?.file} :: ${passages[0]?.heading})`);
  }
  const n = questions.length || 1;
  return { recall1: r1 / n, recall5: r5 / n, mrr: mrr / n, latencies, misses };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

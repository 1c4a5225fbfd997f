/**
 * Hybrid retrieval over one book's index. Candidates come from LanceDB's BM25 on three fields (heading path +
 * chunk text; the heading path alone; the whole section, stored on its first chunk) and from the vector index;
 * each list is min-max normalised and summed with BM25 dominant. Measured: equal-weight RRF lets the weak vector
 * ranks swamp BM25, while a small vector weight breaks BM25 ties with meaning; the section-level field helped on
 * both the shared deep-rl set and our d2l held-out set. Results are one passage per section (its best chunk): a
 * section is what a citation points at, and repeating it would waste the top-k.
 */
import type { ChunkMeta, OpenBookIndex } from './book-index.js';
import { sqlString } from './chunk-table.js';
import { queryTerms, rerankSignals } from './rerank-signals.js';
import { sectionKey, type SectionWords } from './section-lexicon.js';
import { softCoverage } from './soft-match.js';
import { sectionPrior } from './section-prior.js';

export type SearchMode = 'hybrid' | 'bm25' | 'vector';

export const FUSION_WEIGHTS = { text: 1, heading: 0.3, section: 0.5, vector: 0.15 } as const;
export const RERANK_WEIGHTS = { heading: 0, coverage: 1, proximity: 0, soft: 1.5 };
const CANDIDATES = 50;
const RERANK_DEPTH = 30;

export interface Passage {
  chunkId: string;
  file: string;
  chapterTitle: string;
  anchor: string;
  heading: string;
  headingPath: string;
  text: string;
  score: number;
}

type Row = ChunkMeta;

/** Words only: LanceDB's query parser would read quotes, colons and operators as syntax. */
export function ftsQuery(q: string): string {
  return q.replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

type Scored = Map<string, { row: Row; score: number }>;

function minMax(list: { row: Row; raw: number }[]): Scored {
  const out: Scored = new Map();
  if (list.length === 0) return out;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of list) {
    lo = Math.min(lo, x.raw);
    hi = Math.max(hi, x.raw);
  }
  for (const x of list) out.set(x.row.id, { row: x.row, score: hi > lo ? (x.raw - lo) / (hi - lo) : 1 });
  return out;
}

function withRows<T extends { id: string }>(idx: OpenBookIndex, hits: T[], score: (h: T) => number) {
  const out: { row: Row; raw: number }[] = [];
  for (const h of hits) {
    const row = idx.chunks.get(h.id);
    if (row) out.push({ row, raw: score(h) });
  }
  return out;
}

async function bm25(idx: OpenBookIndex, q: string, column: string, where: string | null) {
  if (!q) return [];
  let query = idx.table.query().fullTextSearch(q, { columns: column }).select(['id', '_score']).limit(CANDIDATES);
  if (where) query = query.where(where);
  return withRows(idx, (await query.toArray()) as { id: string; _score: number }[], (r) => r._score);
}

async function vectorSearch(idx: OpenBookIndex, question: string, where: string | null) {
  if (!idx.embedder) return [];
  const [v] = await idx.embedder.embed([question]);
  let query = idx.table.query().nearestTo(v!).distanceType('cosine').select(['id', '_distance']).limit(CANDIDATES);
  if (where) query = query.where(where);
  return withRows(idx, (await query.toArray()) as { id: string; _distance: number }[], (r) => 1 - r._distance);
}

/** Rescores the best sections: fused score scaled to [0, 1], plus section-level signals, times the section's role. */
function rerank(idx: OpenBookIndex, question: string, top: { row: Row; score: number }[]) {
  const max = top[0]?.score ?? 1;
  const q = queryTerms(idx.lexicon, question);
  const empty: SectionWords = { key: '', headingStems: new Set(), words: new Set(), positions: new Map() };
  const words = top.map((x) => idx.lexicon.sections.get(sectionKey(x.row)) ?? empty);
  const soft = idx.wordVectors ? softCoverage(idx.wordVectors, q, words) : words.map(() => 0);
  return top
    .map((x, i) => {
      const sig = rerankSignals(q, words[i]!);
      const score =
        x.score / max +
        RERANK_WEIGHTS.heading * sig.heading +
        RERANK_WEIGHTS.coverage * sig.coverage +
        RERANK_WEIGHTS.proximity * sig.proximity +
        RERANK_WEIGHTS.soft * soft[i]!;
      return { row: x.row, score: score * sectionPrior(x.row) };
    })
    .sort((a, b) => b.score - a.score);
}

export interface SearchOptions {
  k: number;
  /** Restrict to one chapter (its file relative to the book folder). */
  file?: string;
  mode?: SearchMode;
}

export interface SearchOutcome {
  passages: Passage[];
  /** How many BM25 candidates matched: 0 means no word of the question occurs in the book. */
  keywordMatches: number;
}

export async function searchBook(idx: OpenBookIndex, question: string, opts: SearchOptions): Promise<SearchOutcome> {
  const mode = opts.mode ?? 'hybrid';
  const where = opts.file ? `file = ${sqlString(opts.file)}` : null;
  const q = ftsQuery(question);
  if (!q) return { passages: [], keywordMatches: 0 };
  const [text, heading, section, vec] = await Promise.all([
    mode === 'vector' ? [] : bm25(idx, q, 'search_text', where),
    mode === 'hybrid' ? bm25(idx, q, 'heading_path', where) : [],
    mode === 'hybrid' ? bm25(idx, q, 'section_text', where) : [],
    mode === 'bm25' ? [] : vectorSearch(idx, question, where),
  ]);
  const fused: Scored = new Map();
  const add = (list: Scored, w: number) => {
    for (const [id, x] of list) {
      const cur = fused.get(id);
      if (cur) cur.score += w * x.score;
      else fused.set(id, { row: x.row, score: w * x.score });
    }
  };
  add(minMax(text), FUSION_WEIGHTS.text);
  add(minMax(heading), FUSION_WEIGHTS.heading);
  add(minMax(section), FUSION_WEIGHTS.section);
  add(minMax(vec), mode === 'vector' ? 1 : FUSION_WEIGHTS.vector);

  const bySection = new Map<string, { row: Row; score: number }>();
  for (const x of fused.values()) {
    const key = sectionKey(x.row);
    const cur = bySection.get(key);
    if (!cur || x.score > cur.score) bySection.set(key, x);
  }
  let ranked = [...bySection.values()].sort((a, b) => b.score - a.score);
  if (mode === 'hybrid') ranked = rerank(idx, question, ranked.slice(0, RERANK_DEPTH));
  const passages = ranked
    .slice(0, opts.k)
    .map(({ row, score }) => ({
      chunkId: row.id,
      file: row.file,
      chapterTitle: row.chapter_title,
      anchor: row.anchor,
      heading: row.heading,
      headingPath: row.heading_path,
      text: row.text,
      score: Math.round(score * 10_000) / 10_000,
    }));
  return { passages, keywordMatches: text.length };
}

/**
 * Hybrid retrieval over one book's index. Candidates come from LanceDB's BM25 on three fields (heading path +
 * chunk text; the heading path alone; the whole section, stored on its first chunk) and from the vector index;
 * each list is min-max normalised and summed with BM25 dominant. Measured: equal-weight RRF lets the weak vector
 * ranks swamp BM25, while a small vector weight breaks BM25 ties with meaning; the section-level field helped on
 * both the shared deep-rl set and our d2l held-out set. Lists are then merged per section (a section is what a
 * citation points at, and repeating it would waste the top-k): its best chunk is the passage shown. In hybrid mode
 * the best sections go through a second stage (rerank.ts); 'bm25' and 'vector' stay single-list baselines.
 */
import type { ChunkMeta, OpenBookIndex } from './book-index.js';
import { sqlString } from './chunk-table.js';
import { rerank, type Candidate } from './rerank.js';
import { sectionKey } from './section-lexicon.js';

export type SearchMode = 'hybrid' | 'bm25' | 'vector';

const FUSION_WEIGHTS = { text: 1, heading: 0.3, section: 0.5, vector: 0.15 } as const;
type Part = keyof typeof FUSION_WEIGHTS;
const CANDIDATES = 50;
/** Sections rescored by the second stage (more only when more results are asked for); 15 measured as good as 30. */
const RERANK_DEPTH = 15;

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

/**
 * First stage: BM25 on each field and the vector index, min-max normalised and fused, then one candidate per section
 * (its best chunk), best first.
 */
async function firstStage(idx: OpenBookIndex, question: string, opts: Omit<SearchOptions, 'k'>): Promise<{ candidates: Candidate[]; keywordMatches: number }> {
  const mode = opts.mode ?? 'hybrid';
  const where = opts.file ? `file = ${sqlString(opts.file)}` : null;
  const q = ftsQuery(question);
  if (!q) return { candidates: [], keywordMatches: 0 };
  const [text, heading, section, vec] = await Promise.all([
    mode === 'vector' ? [] : bm25(idx, q, 'search_text', where),
    mode === 'hybrid' ? bm25(idx, q, 'heading_path', where) : [],
    mode === 'hybrid' ? bm25(idx, q, 'section_text', where) : [],
    mode === 'bm25' ? [] : vectorSearch(idx, question, where),
  ]);
  const lists: [Part, Scored][] = [
    ['text', minMax(text)],
    ['heading', minMax(heading)],
    ['section', minMax(section)],
    ['vector', minMax(vec)],
  ];
  const weight = (part: Part) => (mode === 'vector' ? 1 : FUSION_WEIGHTS[part]);
  // The passage shown for a section is its best chunk on the chunk-level lists (the whole-section field lives on a
  // section's first chunk only, so it does not pick the passage).
  const chunkScore = new Map<string, number>();
  for (const [part, list] of lists) {
    if (part !== 'section') for (const [id, x] of list) chunkScore.set(id, (chunkScore.get(id) ?? 0) + weight(part) * x.score);
  }
  // Each list's score for a section is the best any of its chunks got.
  const bySection = new Map<string, { row: Row; parts: Record<Part, number> }>();
  for (const [part, list] of lists) {
    for (const [id, x] of list) {
      const key = sectionKey(x.row);
      let cur = bySection.get(key);
      if (!cur) bySection.set(key, (cur = { row: x.row, parts: { text: 0, heading: 0, section: 0, vector: 0 } }));
      if ((chunkScore.get(id) ?? -1) > (chunkScore.get(cur.row.id) ?? -1)) cur.row = x.row;
      cur.parts[part] = Math.max(cur.parts[part], x.score);
    }
  }
  const candidates = [...bySection.values()].map(({ row, parts }) => ({
    row,
    score: (Object.keys(parts) as Part[]).reduce((sum, part) => sum + weight(part) * parts[part], 0),
  }));
  return { candidates: candidates.sort((a, b) => b.score - a.score), keywordMatches: text.length };
}

export async function searchBook(idx: OpenBookIndex, question: string, opts: SearchOptions): Promise<SearchOutcome> {
  const { candidates, keywordMatches } = await firstStage(idx, question, opts);
  let ranked = candidates;
  if ((opts.mode ?? 'hybrid') === 'hybrid') {
    const depth = Math.max(RERANK_DEPTH, opts.k);
    ranked = [...rerank(idx, question, candidates.slice(0, depth)), ...candidates.slice(depth)];
  }
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
  return { passages, keywordMatches };
}

/**
 * `npm run bench:rag -- --compare-embedders`: the measurement behind the embedder choice. Embeds the deep-rl chunks
 * with USE-Lite as well, and scores each candidate alone and in fusions with the same BM25 lists, plus what each
 * costs (chunks/s to index, ms per query embedding).
 */
import type { OpenBookIndex } from '../../electron/core/search/book-index.js';
import { ftsQuery } from '../../electron/core/search/hybrid-search.js';
import { createUseLiteEmbedder } from '../../electron/core/search/use-lite-embedder.js';
import { percentile, type Question } from './rag-eval.js';

type Ranked = Map<string, number>;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function minMax(m: Ranked): Ranked {
  const v = [...m.values()];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return new Map([...m].map(([k, x]) => [k, hi > lo ? (x - lo) / (hi - lo) : 1]));
}
const rrf = (m: Ranked): Ranked => new Map([...m].sort((a, b) => b[1] - a[1]).map(([k], i) => [k, 1 / (61 + i)]));
function fuse(parts: [Ranked, number][]): Ranked {
  const out: Ranked = new Map();
  for (const [m, w] of parts) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + w * v);
  return out;
}

export async function compareEmbedders(idx: OpenBookIndex, questions: Question[]): Promise<void> {
  const chunks = [...idx.chunks.values()];
  const gloveSif = idx.embedder!; // opened with waitForVectors (the default)
  const use = await createUseLiteEmbedder();
  let t = performance.now();
  const useVecs: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i += 32) {
    useVecs.push(...(await use.embed(chunks.slice(i, i + 32).map((c) => `${c.heading_path}\n${c.text}`))));
  }
  const useRate = chunks.length / ((performance.now() - t) / 1000);
  t = performance.now();
  await gloveSif.embed(chunks.map((c) => `${c.heading_path}\n${c.text}`));
  const gloveRate = chunks.length / ((performance.now() - t) / 1000);

  const lists: { q: Question; text: Ranked; head: Ranked; section: Ranked; glove: Ranked; use: Ranked }[] = [];
  const useLatency: number[] = [];
  for (const q of questions) {
    const fq = ftsQuery(q.question);
    const fts = async (col: string) =>
      new Map(
        ((await idx.table.query().fullTextSearch(fq, { columns: col }).select(['id', '_score']).limit(50).toArray()) as { id: string; _score: number }[]).map((r) => [r.id, r._score]),
      );
    const [gv] = await gloveSif.embed([q.question]);
    const glove = new Map(
      ((await idx.table.query().nearestTo(gv!).distanceType('cosine').select(['id', '_distance']).limit(50).toArray()) as { id: string; _distance: number }[]).map((r) => [r.id, 1 - r._distance]),
    );
    const s = performance.now();
    const [uv] = await use.embed([q.question]);
    useLatency.push(performance.now() - s);
    const sims = useVecs.map((v, i) => {
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += v[d]! * uv![d]!;
      return [chunks[i]!.id, dot] as [string, number];
    });
    const useTop = new Map(sims.sort((a, b) => b[1] - a[1]).slice(0, 50));
    lists.push({ q, text: await fts('search_text'), head: await fts('heading_path'), section: await fts('section_text'), glove, use: useTop });
  }

  const score = (name: string, f: (l: (typeof lists)[number]) => Ranked) => {
    let r1 = 0;
    let r5 = 0;
    let mrr = 0;
    for (const l of lists) {
      const seen = new Set<string>();
      const sections: { file: string; heading: string }[] = [];
      for (const [id] of [...f(l)].sort((a, b) => b[1] - a[1])) {
        const c = idx.chunks.get(id)!;
        const key = `${c.file}#${c.anchor}`;
        if (!seen.has(key)) seen.add(key), sections.push(c);
      }
      const rank = sections.findIndex((c) => c.file === l.q.file && norm(c.heading) === norm(l.q.heading));
      if (rank === 0) r1++;
      if (rank >= 0 && rank < 5) r5++;
      if (rank >= 0) mrr += 1 / (rank + 1);
    }
    const n = lists.length;
    console.log(`${name.padEnd(44)} ${(r1 / n).toFixed(3)}  ${(r5 / n).toFixed(3)}  ${(mrr / n).toFixed(3)}`);
  };
  console.log(`\nembedder comparison on deep-rl (${questions.length} questions); recall@1  recall@5  MRR`);
  score('USE-Lite vectors alone', (l) => l.use);
  score('GloVe-SIF vectors alone', (l) => l.glove);
  score('BM25 text + heading path + section (1 : 0.3 : 0.5)', (l) => fuse([[minMax(l.text), 1], [minMax(l.head), 0.3], [minMax(l.section), 0.5]]));
  score('RRF, equal weights, BM25 + USE + GloVe', (l) => fuse([[rrf(l.text), 1], [rrf(l.head), 1], [rrf(l.section), 1], [rrf(l.use), 1], [rrf(l.glove), 1]]));
  score('min-max BM25 + 0.3 USE', (l) => fuse([[minMax(l.text), 1], [minMax(l.head), 0.3], [minMax(l.section), 0.5], [minMax(l.use), 0.3]]));
  score('min-max BM25 + 0.15 GloVe (shipped)', (l) => fuse([[minMax(l.text), 1], [minMax(l.head), 0.3], [minMax(l.section), 0.5], [minMax(l.glove), 0.15]]));
  score('min-max BM25 + 0.3 USE + 0.15 GloVe', (l) => fuse([[minMax(l.text), 1], [minMax(l.head), 0.3], [minMax(l.section), 0.5], [minMax(l.use), 0.3], [minMax(l.glove), 0.15]]));
  console.log(`cost: USE-Lite ${useRate.toFixed(1)} chunks/s, query embedding p50 ${percentile(useLatency, 50).toFixed(1)} ms / p95 ${percentile(useLatency, 95).toFixed(1)} ms; GloVe-SIF ${gloveRate.toFixed(0)} chunks/s, query < 1 ms`);
}

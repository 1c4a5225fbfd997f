/** Word-by-word matching by meaning, with the real GloVe vectors (converted once per test machine). */
import { describe, expect, it } from 'vitest';
import type { ChunkMeta } from './book-index.js';
import { queryTerms } from './rerank-signals.js';
import { buildSectionLexicon, sectionKey } from './section-lexicon.js';
import { softCoverage } from './soft-match.js';
import { TEST_MODEL_CACHE } from './test-support/synthetic-book.js';
import { loadWordVectors } from './word-vectors.js';

const chunk = (file: string, text: string): ChunkMeta => ({ id: `${file}#0`, file, chapter_title: 'c', anchor: 's', heading: 's', heading_path: 's', text });

describe('softCoverage', { timeout: 120_000 }, () => {
  const wv = loadWordVectors(TEST_MODEL_CACHE);
  const chunks = [
    chunk('near.md', 'The robot drives a small car and a delivery truck around the yard.'),
    chunk('far.md', 'Bake the bread at a low oven temperature for an hour.'),
    chunk('exact.md', 'An automobile is parked by the gate.'),
    // Filler, so "automobile" is a rare word in this book (common words are not matched by meaning).
    ...['Rivers flow to the sea.', 'Birds sing at dawn.', 'Stars shine at night.', 'Snow falls in winter.'].map((t, i) => chunk(`filler${i}.md`, t)),
  ];
  const lex = buildSectionLexicon(chunks, wv);
  const sections = chunks.map((c) => lex.sections.get(sectionKey(c))!);

  it('credits a section for a word close in meaning, not for unrelated words', () => {
    const [near, far] = softCoverage(wv, queryTerms(lex, 'automobile'), sections);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeGreaterThan(far!);
  });

  it('leaves words the section has exactly to exact coverage (no double count)', () => {
    const [, , exact] = softCoverage(wv, queryTerms(lex, 'automobile'), sections);
    expect(exact).toBe(0);
  });

  it('gives nothing without vector rows (before the word vectors exist)', () => {
    const bare = buildSectionLexicon(chunks, null);
    const out = softCoverage(wv, queryTerms(bare, 'automobile'), chunks.map((c) => bare.sections.get(sectionKey(c))!));
    expect(out.every((x) => x === 0)).toBe(true);
  });
});

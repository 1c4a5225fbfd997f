import { describe, expect, it } from 'vitest';
import type { ChunkMeta } from './book-index.js';
import { queryTerms, rerankSignals } from './rerank-signals.js';
import { buildSectionLexicon, sectionKey } from './section-lexicon.js';

function chunk(file: string, anchor: string, text: string, seq = 0): ChunkMeta {
  return { id: `${file}#${seq}`, file, chapter_title: 'Robots', anchor, heading: anchor, heading_path: `Robots > ${anchor}`, text };
}

const chunks = [
  chunk('a.md', 'gears', 'The gearbox backlash grows as the teeth wear down.'),
  chunk('a.md', 'gears', 'Discounting future rewards keeps the sum finite.', 1),
  chunk('b.md', 'wheels', 'Wheels slip on ice. The backlash of a gearbox is unrelated to slip.'),
  chunk('c.md', 'filler', 'The robot moves. The robot stops. The robot waits.'),
];
const lex = buildSectionLexicon(chunks, null);
const signals = (question: string, file: string, anchor: string) =>
  rerankSignals(queryTerms(lex, question), lex.sections.get(sectionKey({ file, anchor }))!);

describe('section lexicon and rerank signals', () => {
  it('joins a section\'s chunks, so coverage counts words from all of them', () => {
    const full = signals('gearbox backlash discount rewards', 'a.md', 'gears').coverage;
    const part = signals('gearbox backlash discount rewards', 'b.md', 'wheels').coverage;
    expect(full).toBeCloseTo(1, 5);
    expect(part).toBeGreaterThan(0.3);
    expect(part).toBeLessThan(0.7);
  });

  it('matches words by stem ("discounted" finds "Discounting") and weighs rare words above common ones', () => {
    expect(signals('discounted', 'a.md', 'gears').coverage).toBeCloseTo(1, 5);
    const rare = queryTerms(lex, 'backlash the').terms;
    expect(rare.find((t) => t.word === 'backlash')!.idf).toBeGreaterThan(rare.find((t) => t.word === 'the')!.idf);
  });

  it('credits proximity only where neighbouring question words stand together', () => {
    // "gearbox backlash" are adjacent in a.md; in b.md the two words are further apart than the window.
    expect(signals('gearbox backlash', 'a.md', 'gears').proximity).toBe(1);
    expect(signals('gearbox slip', 'b.md', 'wheels').proximity).toBe(0);
  });

  it('gives nothing for a question the section does not touch', () => {
    expect(signals('gearbox backlash', 'c.md', 'filler')).toEqual({ coverage: 0, proximity: 0 });
  });
});

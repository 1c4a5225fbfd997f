import { describe, expect, it } from 'vitest';
import { chunkChapter, chunkSection, CHUNK_MAX_WORDS, CHUNK_TARGET_WORDS } from './chunker.js';
import { countWords } from './sentences.js';
import type { ChapterSection } from '../library/render/types.js';

const sentence = (i: number) => `Sentence number ${i} talks about joint torque limits in a humanoid robot arm.`;
const paragraph = (from: number, n: number) => Array.from({ length: n }, (_, i) => sentence(from + i)).join(' ');
const section = (blocks: ChapterSection['blocks'], heading = 'Torque limits'): ChapterSection => ({
  anchor: heading.toLowerCase().replace(/\s+/g, '-'),
  heading,
  depth: 2,
  path: ['Control', heading],
  blocks,
});

describe('chunkSection', () => {
  it('keeps a short section whole', () => {
    const s = section([{ kind: 'prose', text: paragraph(0, 3) }]);
    expect(chunkSection(s)).toEqual([paragraph(0, 3)]);
  });

  it('splits a long section near the target size, at sentence boundaries', () => {
    const s = section([{ kind: 'prose', text: paragraph(0, 120) }]);
    const chunks = chunkSection(s);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(countWords(c)).toBeLessThanOrEqual(CHUNK_MAX_WORDS);
      expect(c.trim().endsWith('arm.')).toBe(true);
    }
    // Together they cover every sentence.
    const all = chunks.join(' ');
    for (let i = 0; i < 120; i++) expect(all).toContain(sentence(i));
  });

  it('repeats the boundary sentence of a split paragraph as overlap', () => {
    const chunks = chunkSection(section([{ kind: 'prose', text: paragraph(0, 60) }]));
    const lastOfFirst = chunks[0]!.split('\n\n').at(-1)!;
    expect(chunks[1]!.startsWith(lastOfFirst)).toBe(true);
  });

  it('never splits a code block, even one longer than the target', () => {
    const code = Array.from({ length: 400 }, (_, i) => `x${i} = compute_torque(q, dq)  # step ${i}`).join('\n');
    expect(countWords(code)).toBeGreaterThan(CHUNK_TARGET_WORDS);
    const chunks = chunkSection(section([{ kind: 'prose', text: paragraph(0, 10) }, { kind: 'code', text: code }, { kind: 'prose', text: paragraph(10, 10) }]));
    expect(chunks.filter((c) => c.includes(code))).toHaveLength(1);
    expect(chunks.every((c) => !c.includes('x0 =') || c.includes('x399 ='))).toBe(true);
  });

  it('folds a thin tail into the previous chunk', () => {
    const chunks = chunkSection(section([{ kind: 'prose', text: paragraph(0, 17) }, { kind: 'prose', text: 'A short closing remark.' }]));
    expect(chunks.at(-1)).toContain('A short closing remark.');
    expect(countWords(chunks.at(-1)!)).toBeGreaterThan(20);
  });
});

describe('chunkChapter', () => {
  it('never crosses sections and keeps each chunk\'s heading path', () => {
    const chunks = chunkChapter({
      chapterTitle: 'Control',
      file: 'motion/control.md',
      sections: [
        section([{ kind: 'prose', text: paragraph(0, 4) }], 'PID loops'),
        section([], 'Empty heading'),
        section([{ kind: 'prose', text: paragraph(100, 4) }], 'Torque limits'),
      ],
    });
    expect(chunks.map((c) => c.heading)).toEqual(['PID loops', 'Torque limits']);
    expect(chunks[1]!.headingPath).toBe('Control > Torque limits');
    expect(chunks[1]!.text).not.toContain(sentence(0));
    expect(chunks.map((c) => c.id)).toEqual(['motion/control.md#0', 'motion/control.md#1']);
    expect(chunks.every((c) => c.file === 'motion/control.md')).toBe(true);
    // The whole section rides on its first chunk, for section-level BM25.
    expect(chunks[0]!.sectionText).toBe(`Control > PID loops\n${paragraph(0, 4)}`);
  });

  it('puts a long section\'s full text on its first chunk only', () => {
    const chunks = chunkChapter({ chapterTitle: 'Control', file: 'c.md', sections: [section([{ kind: 'prose', text: paragraph(0, 60) }])] });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]!.sectionText).toContain(sentence(59));
    expect(chunks.slice(1).every((c) => c.sectionText === '')).toBe(true);
  });
});

/**
 * A chapter overview that names every topic of its chapter yields to the chapter's specific section, on a crafted
 * book searched through a real index.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBookIndex } from './book-index.js';
import { searchBook } from './hybrid-search.js';
import { buildIndex } from './indexer.js';
import { overviewPriors, OVERVIEW_PRIOR } from './section-prior.js';
import { syntheticBook, TEST_MODEL_CACHE } from './test-support/synthetic-book.js';
import type { ChapterInput } from './types.js';

const section = (anchor: string, path: string[], text: string) => ({
  anchor,
  heading: path[path.length - 1]!,
  depth: path.length,
  path,
  blocks: [{ kind: 'prose' as const, text }],
});

const stance: ChapterInput = {
  chapterTitle: 'Staying Upright',
  file: 'motion/staying-upright.md',
  sections: [
    section('staying-upright', ['Staying Upright'], 'This chapter explains how a humanoid stays upright: balance, footsteps, what happens when it is pushed, and how its joints share the work.'),
    section('footsteps', ['Staying Upright', 'Planning Footsteps'], 'Footsteps are planned a few strides ahead along the chosen route, on ground the cameras judged firm enough.'),
    section('recovery-step', ['Staying Upright', 'Recovery Steps'], 'When pushed, the machine must move a foot to the spot where its momentum would die out; a step placed there stops the fall, so a humanoid regains its balance.'),
  ],
};

describe('overviewPriors', () => {
  it('lowers a chapter overview only when a specific section of the same chapter is a candidate', () => {
    const overview = { file: 'a.md', heading_path: 'A' };
    const specific = { file: 'a.md', heading_path: 'A > Detail' };
    const otherChapter = { file: 'b.md', heading_path: 'B > Detail' };
    expect(overviewPriors([overview, specific])).toEqual([OVERVIEW_PRIOR, 1]);
    expect(overviewPriors([overview, otherChapter])).toEqual([1, 1]);
    expect(OVERVIEW_PRIOR).toBeLessThan(1);
  });

  // Without the overview prior the overview comes first (checked by setting it to 1): it names more of the question.
  it('ranks the specific section above its chapter overview', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overview-prior-test-'));
    await buildIndex({ indexDir: dir, modelCacheDir: TEST_MODEL_CACHE, chapters: [stance, ...syntheticBook(4, 'filler')] });
    const idx = (await openBookIndex(dir, TEST_MODEL_CACHE))!;
    const { passages } = await searchBook(idx, 'How does a humanoid keep its balance when pushed?', { k: 3 });
    expect(passages.map((p) => p.heading).slice(0, 2)).toEqual(['Recovery Steps', 'Staying Upright']);
  });
});

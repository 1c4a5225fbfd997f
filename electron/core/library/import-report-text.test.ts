/** The text `reader check` and the Electron import dialog show for an import. */
import { describe, expect, it } from 'vitest';
import type { BookImported } from '../contract.js';
import { reportCounts, reportLines, summaryLine } from './import-report-text.js';

const book = (over: Partial<BookImported['report']>, rest: Partial<BookImported> = {}): BookImported => ({
  bookId: 'b',
  title: 'Course',
  chapterCount: 84,
  added: 84,
  updated: 0,
  removed: 0,
  unchanged: 0,
  skipped: [],
  failed: [],
  report: { order: 'sidebars.js', notes: [], notInSidebar: [], excluded: [], mdxFallbacks: [], unknownComponents: [], unresolvedLinks: [], unresolvedImages: [], warnings: [], ...over },
  ...rest,
});

describe('import report text', () => {
  it('sums up only what may need fixing, in words', () => {
    expect(summaryLine(book({}))).toBe('84 chapters');
    expect(summaryLine(book({ excluded: [{ file: '_p.md', reason: 'partial' }], notes: ['n'] }))).toBe('84 chapters');
    const b = book(
      { warnings: ['w1', 'w2', 'w3'], unresolvedLinks: [{ file: 'a.md', target: 'x' }, { file: 'b.md', target: 'y' }], unknownComponents: [{ name: 'Quiz', files: ['a.md'] }] },
      { chapterCount: 1, failed: [{ file: 'c.md', reason: 'slow' }] },
    );
    expect(summaryLine(b)).toBe('1 chapter; 3 warnings, 1 chapter could not be rendered, 2 unresolved links, 1 unknown component');
    expect(reportCounts(b)).toMatchObject({ warnings: 3, unresolvedLinks: 2, unknownComponents: 1, failed: 1, skipped: 0 });
  });

  it('lists every section, saying "none" for the empty ones', () => {
    const lines = reportLines(book({ notInSidebar: ['docs/lost.md'], unresolvedImages: [{ file: 'a.md', target: '/img/x.png' }] }, { skipped: [{ file: 'big.md', reason: 'too big' }] }));
    expect(lines[0]).toBe('  reading order from: sidebars.js');
    expect(lines).toContain('  pages in no sidebar (kept, last): 1');
    expect(lines).toContain('    - docs/lost.md');
    expect(lines).toContain('    - a.md: /img/x.png');
    expect(lines).toContain('    - big.md: too big');
    expect(lines).toContain('  unresolved links: none');
    expect(lines.filter((l) => /^ {2}\S/.test(l))).toHaveLength(11);
  });
});

/**
 * How likely a section is to be the one a reader's question is after, from its role alone. Exercises and quizzes
 * pose questions rather than answer them, yet share all their words with the lesson; a glossary or a summary
 * repeats a definition that the lesson explains in full. They stay searchable, ranked below the lesson.
 */
import type { ChunkMeta } from './book-index.js';

const ROLE_PRIORS = { practice: 0.5, glossary: 0.7, summary: 0.85 };

const ROLES: { role: keyof typeof ROLE_PRIORS; test: (heading: string, fileName: string) => boolean }[] = [
  { role: 'practice', test: (h, f) => /^(exercises?|quiz(zes)?)\W*$/i.test(h) || /^q\d+\s*[:.)]/i.test(h) || /(^|[-_])quiz/i.test(f) },
  { role: 'glossary', test: (h, f) => /^glossary\W*$/i.test(h) || /(^|[-_])glossary/i.test(f) },
  { role: 'summary', test: (h) => /^(summary|conclusions?|recap)( and discussion)?\W*$/i.test(h) },
];

export function sectionPrior(row: Pick<ChunkMeta, 'heading' | 'file'>): number {
  const fileName = row.file.split('/').pop() ?? row.file;
  const role = ROLES.find((r) => r.test(row.heading.trim(), fileName))?.role;
  return role ? ROLE_PRIORS[role] : 1;
}

/**
 * A chapter's opening section (the text under its title, before the first subsection) sums up the whole chapter, so
 * it shares words with every question about the chapter. When a specific section of the same chapter is also a
 * candidate, the overview yields to it. Measured on the student-style dev questions (tests/bench/*-student-dev-qa):
 * x0.8 lifts mean MRR .494 -> .506 with no loss on the other sets; x0.65 and x0.5 did no better there and cost the
 * held-out sets.
 */
export const OVERVIEW_PRIOR = 0.8;

export const isOverview = (row: Pick<ChunkMeta, 'heading_path'>) => !row.heading_path.includes(' > ');

/** Per candidate: OVERVIEW_PRIOR for a chapter overview whose chapter has a specific section among them, else 1. */
export function overviewPriors(rows: Pick<ChunkMeta, 'file' | 'heading_path'>[]): number[] {
  const withSpecific = new Set(rows.filter((r) => !isOverview(r)).map((r) => r.file));
  return rows.map((r) => (isOverview(r) && withSpecific.has(r.file) ? OVERVIEW_PRIOR : 1));
}

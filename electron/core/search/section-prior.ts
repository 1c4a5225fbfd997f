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

/**
 * The import report: what planning found plus what rendering each chapter found, grouped for the reader. Both
 * parts are stored with the book (see LibraryStore.importReport), so a re-import that renders nothing still
 * reports the whole book.
 */
import type { ImportReport } from '../contract.js';
import { join } from 'node:path';
import { BookReader } from './book/book-reader.js';
import type { BookPlan, PlanReport } from './book/types.js';
import type { ChapterDiagnostics } from './render/types.js';

/** `chapters`: book-relative file -> that chapter's diagnostics, in reading order. */
export function buildImportReport(plan: PlanReport, chapters: Iterable<[string, ChapterDiagnostics]>): ImportReport {
  const report: ImportReport = { ...plan, mdxFallbacks: [], unknownComponents: [], unresolvedLinks: [], unresolvedImages: [] };
  const components = new Map<string, string[]>();
  for (const [file, d] of chapters) {
    if (d.mdxFallback) report.mdxFallbacks.push({ file, reason: d.mdxFallback });
    for (const name of d.unknownComponents) components.set(name, [...(components.get(name) ?? []), file]);
    for (const target of d.unresolvedLinks) report.unresolvedLinks.push({ file, target });
    for (const target of d.unresolvedImages) report.unresolvedImages.push({ file, target });
  }
  report.unknownComponents = [...components].map(([name, files]) => ({ name, files })).sort((a, b) => a.name.localeCompare(b.name));
  return report;
}

/** Fewer Markdown pages than this beside a one-chapter plan may be a genuinely one-page book. */
const MANY_PAGES = 3;

/**
 * A one-chapter book from a folder holding many Markdown pages is almost always a misread book (e.g. a site whose
 * docs live elsewhere): the plan's report says so instead of a silent success. Counts the pages the way planning
 * reads folders; files the site itself excludes do not count. Run where the plan is made (the import worker).
 */
export function warnIfOneChapter(plan: BookPlan, maxFileBytes: number): BookPlan {
  if (plan.chapters.length > 1) return plan;
  const excluded = new Set(plan.report.excluded.map((e) => e.file));
  // A Docusaurus book is its docs folder (one per docs plugin instance), not the whole site.
  const docsDir = plan.site ? join(plan.root, plan.site.docsDir) : plan.root;
  const prefix = plan.site && plan.site.docsDir !== '.' ? `${plan.site.docsDir}/` : '';
  const pages = new BookReader(plan.root, maxFileBytes).listMarkdown(docsDir).filter((f) => !excluded.has(prefix + f)).length;
  if (pages >= MANY_PAGES) {
    plan.report.warnings.push(
      `Only ${plan.chapters.length} chapter was imported, but the folder holds ${pages} Markdown pages: ` +
        'check that this is the book folder (a Docusaurus site whose docs live elsewhere imports as one page).',
    );
  }
  return plan;
}

/** The import report: what planning found plus what rendering each chapter found, grouped for the reader. */
import type { ImportReport } from '../contract.js';
import type { BookPlan } from './book/types.js';
import type { ChapterDiagnostics } from './render/types.js';

/** `chapters`: book-relative file -> that chapter's diagnostics. */
export function buildImportReport(plan: BookPlan, chapters: Iterable<[string, ChapterDiagnostics]>): ImportReport {
  const report: ImportReport = { ...plan.report, mdxFallbacks: [], unknownComponents: [], unresolvedLinks: [], unresolvedImages: [] };
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

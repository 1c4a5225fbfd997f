/**
 * An import's outcome as plain text, for `reader check` and the Electron import dialog: a one-line summary
 * ("84 chapters; 3 warnings, 2 unresolved links") and every report section with its items, file paths as text.
 */
import type { BookImported, ImportProblem } from '../contract.js';

/** How many items each section of the outcome holds, in the order they are shown. */
export function reportCounts(b: BookImported) {
  const r = b.report;
  return {
    warnings: r.warnings.length,
    notInSidebar: r.notInSidebar.length,
    excluded: r.excluded.length,
    mdxFallbacks: r.mdxFallbacks.length,
    unknownComponents: r.unknownComponents.length,
    unresolvedLinks: r.unresolvedLinks.length,
    unresolvedImages: r.unresolvedImages.length,
    skipped: b.skipped.length,
    failed: b.failed.length,
  };
}
type Counts = ReturnType<typeof reportCounts>;

/** Words for a count, singular and plural; notes and excluded files are expected, so the summary leaves them out. */
const WORDS: Partial<Record<keyof Counts, [string, string]>> = {
  warnings: ['warning', 'warnings'],
  failed: ['chapter could not be rendered', 'chapters could not be rendered'],
  skipped: ['file skipped', 'files skipped'],
  mdxFallbacks: ['chapter read as Markdown', 'chapters read as Markdown'],
  unresolvedLinks: ['unresolved link', 'unresolved links'],
  unresolvedImages: ['unresolved image', 'unresolved images'],
  unknownComponents: ['unknown component', 'unknown components'],
  notInSidebar: ['page in no sidebar', 'pages in no sidebar'],
};

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** e.g. `84 chapters; 3 warnings, 2 unresolved links` (just the chapters when there is nothing to say). */
export function summaryLine(b: BookImported): string {
  const counts = reportCounts(b);
  const issues = (Object.keys(WORDS) as (keyof Counts)[]).filter((k) => counts[k] > 0).map((k) => plural(counts[k], ...WORDS[k]!));
  return `${plural(b.chapterCount, 'chapter', 'chapters')}${issues.length ? `; ${issues.join(', ')}` : ''}`;
}

const problems = (list: ImportProblem[]) => list.map((p) => `${p.file}: ${p.reason}`);

/** Every section with its count, each item on its own line; empty sections say "none" so nothing looks left out. */
export function reportLines(b: BookImported): string[] {
  const r = b.report;
  const section = (label: string, items: string[]) => [`  ${label}: ${items.length === 0 ? 'none' : items.length}`, ...items.map((i) => `    - ${i}`)];
  return [
    `  reading order from: ${r.order}`,
    ...section('warnings', r.warnings),
    ...section('notes', r.notes),
    ...section('pages in no sidebar (kept, last)', r.notInSidebar),
    ...section('files the site excludes', problems(r.excluded)),
    ...section('chapters read as Markdown after failing as MDX', problems(r.mdxFallbacks)),
    ...section('unknown components (shown as their content)', r.unknownComponents.map((c) => `<${c.name}> in ${c.files.join(', ')}`)),
    ...section('unresolved links', r.unresolvedLinks.map((l) => `${l.file}: ${l.target}`)),
    ...section('unresolved images', r.unresolvedImages.map((l) => `${l.file}: ${l.target}`)),
    ...section('files skipped', problems(b.skipped)),
    ...section('chapters that could not be rendered', problems(b.failed)),
  ];
}

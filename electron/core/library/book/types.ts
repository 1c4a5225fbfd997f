import type { ImportProblem, ImportReport } from '../../contract.js';
import type { BookFlavor } from '../render/types.js';

/** One chapter of a book plan, in reading order. */
export interface PlannedChapter {
  /** Path relative to the book folder, '/' separated. */
  file: string;
  /** Title from the table of contents or front matter; null: the chapter's first h1 decides. */
  title: string | null;
  /** Nesting level in the table of contents, 0 = top. */
  depth: number;
  /** Labels of the groups (units, categories) that contain this chapter, outermost first. */
  parents: string[];
  /** Markdown/MDX source with front matter removed. */
  body: string;
  /** Site URL paths that also name this chapter (Docusaurus `/docs/<id>` and `slug`), for links written as URLs. */
  aliases?: string[];
}

export interface BookPlan {
  flavor: BookFlavor;
  title: string;
  /** Real path of the book folder. */
  root: string;
  chapters: PlannedChapter[];
  /** d2l cross-reference labels: label -> file and heading text. */
  labels: Map<string, { file: string; title: string }>;
  /** Files left out because they may not be read (outside the book, not regular, too big) or are unusable. */
  skipped: ImportProblem[];
  /** What planning found (order source, pages in no sidebar, excluded files...); rendering adds the rest. */
  report: PlanReport;
}

export type PlanReport = Pick<ImportReport, 'order' | 'notes' | 'notInSidebar' | 'excluded' | 'warnings'>;

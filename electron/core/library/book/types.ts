import type { ImportProblem, ImportReport, TocLink } from '../../contract.js';
import type { BookFlavor } from '../render/types.js';

/** One chapter of a book plan, in reading order. */
export interface PlannedChapter {
  /** Path relative to the book folder, '/' separated. */
  file: string;
  /** The chapter's heading (front-matter title, table of contents title); null: the chapter's first h1 decides. */
  title: string | null;
  /** Label in the table of contents when it differs from the heading (Docusaurus `sidebar_label`); absent: the title. */
  tocLabel?: string;
  /** How the source is parsed (Docusaurus `markdown.format`); absent: by the file's extension. */
  format?: 'mdx' | 'md';
  /** The page's own site URL path (Docusaurus permalink): relative URL links (`./other`) resolve against it. */
  url?: string;
  /** Nesting level in the table of contents, 0 = top. */
  depth: number;
  /** Labels of the groups (units, categories) that contain this chapter, outermost first. */
  parents: string[];
  /** Markdown/MDX source with front matter removed. */
  body: string;
  /** Site URL paths that also name this chapter (Docusaurus `/docs/<id>` and `slug`), for links written as URLs. */
  aliases?: string[];
}

/** What a Docusaurus site's config says that matters for rendering its pages. */
export interface SiteOptions {
  /** `markdown.format`: `mdx` (default; `.md` is MDX too), `md`, or `detect` (only `.mdx` is MDX). */
  markdownFormat: 'mdx' | 'md' | 'detect';
  /** `markdown.mermaid`: mermaid code blocks are diagrams. */
  mermaid: boolean;
  /** Static directories relative to `root` ('/'-separated): `/img/x.png` is served from `<dir>/img/x.png`. */
  staticDirs: string[];
  /** URL path the docs live under (`docs`, or '' at the site root). */
  routeBasePath: string;
  /** The docs folder relative to `root`. */
  docsDir: string;
  /** Docs plugin instance id (`default` for the classic preset's docs). */
  instanceId: string;
}

export interface BookPlan {
  flavor: BookFlavor;
  title: string;
  /**
   * Real path of the folder every chapter file and asset is relative to, and the only one the asset server serves:
   * the chosen folder, or the Docusaurus site (when its docs folder was chosen), or the repository holding both
   * the site and docs that live outside it.
   */
  root: string;
  /** Real path of the folder the user chose; the book id is derived from it (and `instanceId`). */
  dir: string;
  /** Set for a Docusaurus site's second and further docs plugin instances: they are books of their own. */
  instanceId?: string;
  site?: SiteOptions;
  chapters: PlannedChapter[];
  /** d2l cross-reference labels: label -> file and heading text. */
  labels: Map<string, { file: string; title: string }>;
  /** Files left out because they may not be read (outside the book, not regular, too big) or are unusable. */
  skipped: ImportProblem[];
  /** What planning found (order source, pages in no sidebar, excluded files...); rendering adds the rest. */
  report: PlanReport;
  /** Web links the table of contents shows among the chapters; `afterOrder` is an index into `chapters`. */
  tocLinks?: TocLink[];
}

export type PlanReport = Pick<ImportReport, 'order' | 'notes' | 'notInSidebar' | 'excluded' | 'warnings'>;

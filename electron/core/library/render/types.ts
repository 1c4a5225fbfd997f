import type { AnchorText } from './anchor-text.js';
import type { OutlineEntry } from '../../contract.js';

/** One block of a section, for search: prose is plain text, code is the code as written. */
export interface SectionBlock {
  kind: 'prose' | 'code';
  text: string;
}

/**
 * A chapter split at every heading (any level). Text before the first heading belongs to a section whose heading
 * is the chapter title (anchor ''). `#` lines inside code fences are code, never headings.
 */
export interface ChapterSection {
  /** Element id of the heading in the chapter HTML ('' for the part before the first heading). */
  anchor: string;
  /** Plain heading text: no `#`, markup, `[[anchor]]` suffix or d2l `(** **)` markers. */
  heading: string;
  /** Heading level 1..6; 0 for the leading untitled part. */
  depth: number;
  /** Heading texts from the chapter title down to this heading (inclusive). */
  path: string[];
  blocks: SectionBlock[];
}

export interface RenderedChapter {
  /** First level-1 heading, else the fallback title. */
  title: string;
  html: string;
  text: string;
  /** The text highlights are placed in (anchor-text.ts), with where its headings start. */
  anchorText: AnchorText;
  outline: OutlineEntry[];
  sections: ChapterSection[];
  diagnostics: ChapterDiagnostics;
}

/** What rendering one chapter found that the import report lists (see ImportReport). */
export interface ChapterDiagnostics {
  /** Set when the chapter did not parse as MDX and was read as CommonMark: the parser's message. */
  mdxFallback: string | null;
  unknownComponents: string[];
  unresolvedLinks: string[];
  unresolvedImages: string[];
}

/** Book dialects we recognise; each changes preprocessing and which syntax extensions are on. */
export type BookFlavor = 'docusaurus' | 'hf-course' | 'd2l' | 'markdown';

/** What the renderer needs to know about the book around one chapter. */
export interface RenderContext {
  bookId: string;
  flavor: BookFlavor;
  /** Chapter file, relative to the book folder, with '/' separators. */
  file: string;
  /** Title given by the book's table of contents or front matter; null: use the chapter's first h1. */
  title: string | null;
  /** Does this path (relative to the book folder) name an existing file? */
  assetExists: (relPath: string) => boolean;
  /** Chapter id for a book-relative file path, or null when that file is not a chapter of this book. */
  chapterIdForFile: (relPath: string) => string | null;
  /** Chapter id for a site URL path such as `/docs/intro` (Docusaurus id or slug); absent: none known. */
  chapterIdForUrlPath?: (urlPath: string) => string | null;
  /** d2l cross-reference labels: label -> chapter and heading text. */
  labels: ReadonlyMap<string, { chapterId: string; title: string }>;
  /**
   * How the chapter's source is read (Docusaurus `markdown.format`: with the default 'mdx', a `.md` file is MDX
   * too). Absent: MDX for `.mdx` files and Hugging Face courses, CommonMark otherwise.
   */
  format?: 'mdx' | 'md';
  /** The site renders ```` ```mermaid ```` fences as diagrams (Docusaurus `markdown.mermaid`). Absent: false. */
  mermaid?: boolean;
  /** A Docusaurus docs folder, book-relative ('' at the top): Markdown file links also resolve from there. */
  docsDir?: string;
  /** The page's own site URL path (e.g. `/docs/module-1` for `docs/module-1/index.md`); absent: not a site page. */
  pageUrl?: string;
  /** Book-relative folders that site-absolute URLs (`/img/x.png`) are served from. Absent: `['static']`. */
  staticDirs?: readonly string[];
}

export const noDiagnostics = (): ChapterDiagnostics => ({ mdxFallback: null, unknownComponents: [], unresolvedLinks: [], unresolvedImages: [] });

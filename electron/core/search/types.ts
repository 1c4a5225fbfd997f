/**
 * The shapes search works on. `Section` mirrors what the library stores per chapter: a section runs from its
 * heading to the next heading of any level, with prose and code kept apart so code is never split.
 */
export interface SectionBlock {
  kind: 'prose' | 'code';
  text: string;
}

export interface Section {
  anchor: string;
  /** Plain text: no markup, no `[[anchor]]` or d2l markers. */
  heading: string;
  depth: number;
  /** Headings from the chapter title down to this section (inclusive). */
  path: string[];
  blocks: SectionBlock[];
}

/** One chapter as search sees it. Identity is the file path, so a prebuilt index fits any library's chapter ids. */
export interface ChapterInput {
  chapterTitle: string;
  /** Source file relative to the book folder. */
  file: string;
  sections: Section[];
}

export interface Chunk {
  /** Stable within a book: `${file}#${seq}`. */
  id: string;
  chapterTitle: string;
  file: string;
  anchor: string;
  heading: string;
  /** Heading path joined with " > ", searched as its own full-text field. */
  headingPath: string;
  /** Order of the chunk within its chapter. */
  seq: number;
  text: string;
  /**
   * On the first chunk of each section: the heading path and the whole section's text, indexed for a
   * section-level BM25 (evidence spread over a long section's chunks); '' on the others.
   */
  sectionText: string;
}

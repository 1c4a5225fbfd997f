/** The shapes search works on. Sections come from the library as it stored them (library/render/types.ts). */
import type { ChapterSection } from '../library/render/types.js';

/** One chapter as search sees it. Identity is the file path, so a prebuilt index fits any library's chapter ids. */
export interface ChapterInput {
  chapterTitle: string;
  /** Source file relative to the book folder. */
  file: string;
  sections: ChapterSection[];
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

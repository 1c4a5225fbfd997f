/**
 * Section-based chunking. A chunk never crosses a section (the section is the unit a citation points at, and the
 * benchmark's notion of a hit), never splits a code block, and is sized for the embedders (~250 words: USE-Lite's
 * quality falls off on long inputs, and BM25 length normalisation works best on passages of similar size).
 */
import { countWords, splitSentences } from './sentences.js';
import type { ChapterSection } from '../library/render/types.js';
import type { ChapterInput, Chunk } from './types.js';

export const CHUNK_TARGET_WORDS = 250;
/** A tail smaller than this is folded into the previous chunk (up to CHUNK_MAX_WORDS) rather than left thin. */
const MIN_TAIL_WORDS = 60;
export const CHUNK_MAX_WORDS = 360;
/** Overlap: the last sentence of a split paragraph is repeated, so an idea cut at the boundary stays whole. */
const OVERLAP_MAX_WORDS = 50;

interface Unit {
  text: string;
  words: number;
  /** Sentence of a prose paragraph that was split: may be repeated as overlap. */
  splitSentence: boolean;
}

function unitsOf(section: ChapterSection): Unit[] {
  const units: Unit[] = [];
  for (const block of section.blocks) {
    const text = block.text.trim();
    if (!text) continue;
    const words = countWords(text);
    if (block.kind === 'code' || words <= CHUNK_TARGET_WORDS) {
      units.push({ text, words, splitSentence: false });
      continue;
    }
    for (const s of splitSentences(text)) units.push({ text: s, words: countWords(s), splitSentence: true });
  }
  return units;
}

/** Packs a section's blocks into chunk texts. Exported for tests. */
export function chunkSection(section: ChapterSection): string[] {
  const units = unitsOf(section);
  const chunks: { parts: string[]; words: number }[] = [];
  let cur: { parts: string[]; words: number } = { parts: [], words: 0 };
  let prev: Unit | undefined;
  for (const u of units) {
    if (cur.words > 0 && cur.words + u.words > CHUNK_TARGET_WORDS) {
      chunks.push(cur);
      cur = { parts: [], words: 0 };
      // Repeat the previous sentence only inside a split paragraph (paragraph ends are natural breaks).
      if (prev?.splitSentence && u.splitSentence && prev.words <= OVERLAP_MAX_WORDS) {
        cur.parts.push(prev.text);
        cur.words += prev.words;
      }
    }
    cur.parts.push(u.text);
    cur.words += u.words;
    prev = u;
  }
  if (cur.words > 0) {
    const last = chunks[chunks.length - 1];
    if (last && cur.words < MIN_TAIL_WORDS && last.words + cur.words <= CHUNK_MAX_WORDS) {
      // Drop the overlap sentence we just repeated, if any, before merging back.
      const overlap = last.parts[last.parts.length - 1] === cur.parts[0] ? 1 : 0;
      last.parts.push(...cur.parts.slice(overlap));
      last.words += cur.words;
    } else chunks.push(cur);
  }
  return chunks.map((c) => c.parts.join('\n\n'));
}

export function chunkChapter(ch: ChapterInput): Chunk[] {
  const out: Chunk[] = [];
  for (const section of ch.sections) {
    const texts = chunkSection(section);
    const headingPath = (section.path.length ? section.path : [section.heading]).join(' > ');
    for (const [i, text] of texts.entries()) {
      const seq = out.length;
      out.push({
        id: `${ch.file}#${seq}`,
        chapterTitle: ch.chapterTitle,
        file: ch.file,
        anchor: section.anchor,
        heading: section.heading,
        headingPath,
        seq,
        text,
        sectionText: i === 0 ? `${headingPath}\n${texts.join('\n\n')}` : '',
      });
    }
  }
  return out;
}

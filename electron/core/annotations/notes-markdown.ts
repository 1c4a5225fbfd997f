/**
 * A book's notes as Markdown: the book title, a heading per chapter in reading order, each highlight's quote as a
 * blockquote, its note below, its colour and a link that opens the reader at it; then an "Orphans" section with
 * the highlights this edition no longer holds (their quote as made, so nothing is lost).
 */
import type { Annotation } from '../contract.js';
import { deepLink } from './deep-link.js';

/** Markdown ends a line at CR, LF or CR LF. */
const LINE = /\r\n|\r|\n/;
const quoteBlock = (text: string) =>
  text
    .trim()
    .split(LINE)
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** HTML blocks that run to their own end marker, however many entries later (CommonMark's kinds 1 to 5). */
const OPEN_HTML_BLOCK = /^( {0,3})<(?=script|pre|style|textarea|!|\?)/i;

/**
 * The note as typed, except what would reach past it into the rest of the file: an unclosed code fence is closed,
 * an HTML block that runs to its own end marker starts escaped, and its headings sit below the chapter headings
 * (ATX moved down two levels; a setext underline escaped), so the outline and the next entries stay the export's.
 */
function containedNote(note: string): string {
  let fence: string | null = null;
  const lines = note.split(LINE).map((line) => {
    const f = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      return line;
    }
    if (f && !(f[0] === '`' && line.slice(line.indexOf(f) + f.length).includes('`'))) {
      fence = f;
      return line;
    }
    return line
      .replace(/^( {0,3})(#{1,6})(?=[ \t]|$)/, (_, indent: string, hashes: string) => `${indent}${'#'.repeat(Math.min(6, hashes.length + 2))}`)
      .replace(/^( {0,3})(=+|-+)([ \t]*)$/, '$1\\$2$3')
      .replace(OPEN_HTML_BLOCK, '$1\\<');
  });
  if (fence !== null) lines.push(fence);
  return lines.join('\n');
}
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function entry(a: Annotation, bookId: string): string {
  const quote = a.anchor.status === 'orphan' ? a.target.quote.exact : a.anchor.exact;
  const parts = [quoteBlock(quote)];
  if (a.note.trim()) parts.push(containedNote(a.note.trim()));
  const flags = [`Colour: ${a.color}`];
  if (a.anchor.status === 'review') flags.push(`needs review (match ${a.anchor.score.toFixed(2)})`);
  const chapterId = a.anchor.chapterId ?? a.target.chapterId;
  parts.push(`${flags.join(' · ')} · [Open in the reader](<${deepLink({ bookId, chapterId, annotationId: a.id })}>)`);
  return parts.join('\n\n');
}

export function notesToMarkdown(bookTitle: string, bookId: string, annotations: Annotation[]): string {
  const out = [`# ${oneLine(bookTitle)}`, ''];
  if (annotations.length === 0) out.push('_No highlights yet._', '');
  let chapter: string | null = null;
  const placed = annotations.filter((a) => a.anchor.status !== 'orphan');
  const orphans = annotations.filter((a) => a.anchor.status === 'orphan');
  for (const a of placed) {
    if (a.anchor.chapterId !== chapter) {
      chapter = a.anchor.chapterId;
      out.push(`## ${oneLine(a.anchor.chapterTitle ?? '')}`, '');
    }
    out.push(entry(a, bookId), '');
  }
  if (orphans.length > 0) {
    out.push('## Orphans', '', '_Not found in this edition of the book; kept with the quote as it was highlighted._', '');
    for (const a of orphans) out.push(`From: ${oneLine(a.target.sectionPath.join(' › ') || a.target.file)}`, '', entry(a, bookId), '');
  }
  return out.join('\n');
}

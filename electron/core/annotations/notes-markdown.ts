/**
 * A book's notes as Markdown: the book title, a heading per chapter in reading order, each highlight's quote as a
 * blockquote, its note below, its colour and a link that opens the reader at it; then an "Orphans" section with
 * the highlights this edition no longer holds (their quote as made, so nothing is lost).
 */
import type { Annotation } from '../contract.js';
import { deepLink } from './deep-link.js';

const quoteBlock = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function entry(a: Annotation, bookId: string): string {
  const quote = a.anchor.status === 'orphan' ? a.target.quote.exact : a.anchor.exact;
  const parts = [quoteBlock(quote)];
  if (a.note.trim()) parts.push(a.note.trim());
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

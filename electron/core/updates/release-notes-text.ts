/**
 * Release notes as plain text for the page: GitHub gives them as HTML (one piece, or one per version skipped), and
 * the page never renders release HTML. Capped so a huge changelog cannot swamp the notice.
 */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';

export const RELEASE_NOTES_MAX_CHARS = 4000;

export type RawReleaseNotes = string | readonly { version: string; note: string | null }[] | null | undefined;

const htmlToText = (html: string) => toText(fromHtml(html, { fragment: true })).trim();

export function releaseNotesText(notes: RawReleaseNotes): string | undefined {
  if (notes === null || notes === undefined) return undefined;
  const text = (typeof notes === 'string' ? htmlToText(notes) : notes.map((n) => `${n.version}\n${htmlToText(n.note ?? '')}`.trim()).join('\n\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!text) return undefined;
  return text.length > RELEASE_NOTES_MAX_CHARS ? `${text.slice(0, RELEASE_NOTES_MAX_CHARS - 1).trimEnd()}…` : text;
}

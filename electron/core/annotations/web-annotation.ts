/**
 * W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/) for a book's highlights, written and read.
 * Written: an AnnotationCollection whose first page holds one Annotation per highlight: `id` urn:uuid, motivation
 * highlighting (commenting when it has a note), the note as a text/markdown TextualBody, `target.source` the
 * chapter file relative to the book folder, `target.selector` [TextQuoteSelector, TextPositionSelector]. Our own
 * fields are namespaced: `reader:color` on the annotation, `reader:sectionPath` and `reader:contentHash` on the
 * target, and (CLI export only) `reader:anchor`, where it sits now.
 * Read: that, a bare array of Annotations, or one Annotation; from another tool only `target.source` and a
 * TextQuoteSelector are needed (`source` may be a URL ending in the chapter's file path). Each entry is checked on
 * its own, so one bad entry is skipped with its reason and the rest still import.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  HighlightColorSchema,
  NOTE_MAX_CHARS,
  TextPositionSelectorSchema,
  TextQuoteSelectorSchema,
  type Annotation,
  type HighlightColor,
  type TextPositionSelector,
  type TextQuoteSelector,
} from '../contract.js';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** More entries than any reader makes in one book; a file with more is refused whole. */
export const MAX_IMPORT_ENTRIES = 20_000;

export interface AnchorReport {
  status: Annotation['anchor']['status'];
  file: string | null;
  exact: string;
  score: number;
  orphan?: true;
}

export function toWebAnnotation(a: Annotation, withAnchor: AnchorReport | null): Record<string, unknown> {
  return {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    created: a.createdAt,
    modified: a.updatedAt,
    ...(a.note ? { body: { type: 'TextualBody', value: a.note, format: 'text/markdown', purpose: 'commenting' } } : {}),
    target: {
      source: a.target.file,
      selector: [a.target.quote, a.target.position],
      'reader:sectionPath': a.target.sectionPath,
      'reader:contentHash': a.target.contentHash,
    },
    'reader:color': a.color,
    ...(withAnchor ? { 'reader:anchor': withAnchor } : {}),
  };
}

export function toCollection(title: string, items: Record<string, unknown>[]): Record<string, unknown> {
  return {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: `Notes: ${title}`,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** One entry as read: what an import needs, whatever tool wrote it. */
export interface ReadEntry {
  /** Our UUID (from urn:uuid:…), or a stable one made from another tool's id, or a fresh one. */
  id: string | null;
  foreignId: string | null;
  source: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector | null;
  note: string;
  color: HighlightColor | null;
  created: string | null;
  modified: string | null;
  sectionPath: string[];
  contentHash: string;
}

const iso = z.iso.datetime({ offset: true });
const bodySchema = z.object({ type: z.string().max(100).optional(), value: z.string().max(NOTE_MAX_CHARS), format: z.string().max(100).optional() });
const selectorSchema = z.object({ type: z.string().max(100) }).loose();
const entrySchema = z.object({
  id: z.string().max(2000).optional(),
  type: z.union([z.string().max(100), z.array(z.string().max(100)).max(10)]).optional(),
  body: z.union([bodySchema, z.array(bodySchema).max(20)]).optional(),
  target: z.union([
    z.object({
      source: z.string().min(1).max(2000),
      selector: z.union([selectorSchema, z.array(selectorSchema).min(1).max(10)]),
      'reader:sectionPath': z.array(z.string().max(300)).max(12).optional(),
      'reader:contentHash': z.string().max(200).optional(),
    }),
  ]),
  created: iso.optional(),
  modified: iso.optional(),
  'reader:color': HighlightColorSchema.optional(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same foreign id always gives the same UUID in a book, so importing a file twice does not duplicate it. */
export function uuidFor(bookId: string, foreignId: string): string {
  const h = createHash('sha256').update(`${bookId}\n${foreignId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const issueText = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`)
    .join('; ');

function readEntry(raw: unknown): ReadEntry | string {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) return issueText(parsed.error);
  const e = parsed.data;
  const selectors = Array.isArray(e.target.selector) ? e.target.selector : [e.target.selector];
  const quoteRaw = selectors.find((s) => s.type === 'TextQuoteSelector');
  if (!quoteRaw) return 'target.selector: needs a TextQuoteSelector';
  const quote = TextQuoteSelectorSchema.safeParse(quoteRaw);
  if (!quote.success) return `TextQuoteSelector ${issueText(quote.error)}`;
  const positionRaw = selectors.find((s) => s.type === 'TextPositionSelector');
  const position = positionRaw ? TextPositionSelectorSchema.safeParse(positionRaw) : null;
  const bodies = e.body === undefined ? [] : Array.isArray(e.body) ? e.body : [e.body];
  const note = bodies
    .filter((b) => b.type === undefined || b.type === 'TextualBody')
    .map((b) => b.value)
    .join('\n\n');
  if (note.length > NOTE_MAX_CHARS) return `body: the note is longer than ${NOTE_MAX_CHARS} characters`;
  const ours = e.id?.startsWith('urn:uuid:') && UUID.test(e.id.slice(9)) ? e.id.slice(9).toLowerCase() : null;
  return {
    id: ours,
    foreignId: ours ? null : (e.id ?? null),
    source: e.target.source,
    quote: quote.data,
    // A position that does not parse is only a hint lost: the quote still anchors it.
    position: position?.success ? position.data : null,
    note,
    color: e['reader:color'] ?? null,
    created: e.created ?? null,
    modified: e.modified ?? null,
    sectionPath: e.target['reader:sectionPath'] ?? [],
    contentHash: e.target['reader:contentHash'] ?? '',
  };
}

/** The entries of a Web Annotation file, each read or refused with a reason; throws (a message for people) when the file as a whole is unusable. */
export function readWebAnnotations(content: string): { index: number; entry: ReadEntry | string }[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  let items: unknown;
  if (Array.isArray(doc)) items = doc;
  else if (doc && typeof doc === 'object') {
    const o = doc as { type?: unknown; items?: unknown; first?: unknown };
    if (o.type === 'AnnotationCollection' || o.type === 'AnnotationPage') {
      const page = o.type === 'AnnotationPage' ? o : o.first;
      items = page && typeof page === 'object' ? (page as { items?: unknown }).items : o.items;
    } else items = [doc];
  }
  if (!Array.isArray(items)) throw new Error('expected a W3C AnnotationCollection, AnnotationPage, an array of Annotations or one Annotation');
  if (items.length > MAX_IMPORT_ENTRIES) throw new Error(`too many annotations (${items.length}; at most ${MAX_IMPORT_ENTRIES} per file)`);
  return items.map((raw: unknown, index) => ({ index, entry: readEntry(raw) }));
}

/**
 * Export and import of a book's notes: W3C Web Annotation JSON round trip into a fresh data dir, Markdown with deep
 * links and an Orphans section, a minimal hand-written file from another tool, and hostile files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, ReaderError, type Annotation } from '../contract.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { EDITION_1, EDITION_2 } from '../../../tests/fixtures/annotation-editions.js';
import { parseDeepLink } from '../hosting/deep-link.js';
import { select, writeEdition } from './test-support/annotated-book.js';
import { MAX_IMPORT_ENTRIES } from './web-annotation.js';

let base: string;
let dir: string;
let core: ReaderCore;
let bookId: string;
let made: Annotation[] = [];

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'reader-notes-transfer-'));
  dir = join(base, 'book');
  writeEdition(dir, EDITION_1);
  core = createReaderCore({ dataDir: join(base, 'data'), indexOnImport: false });
  bookId = (await core.importBook({ dir })).bookId;
  made = [
    await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/intro.md', 'keep the shipping bolts'), color: 'green', note: 'Where are they kept?' }),
    await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/calibration.md', 'A wrong zero makes every later pose wrong'), color: 'pink', note: '' }),
    await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/safety.md', 'the fence'), color: 'blue', note: 'Line 1\n\nLine 2' }),
  ];
}, 60_000);

afterAll(async () => {
  await core.close();
  rmSync(base, { recursive: true, force: true });
});

async function freshCore(name: string) {
  const other = createReaderCore({ dataDir: join(base, name), indexOnImport: false });
  const otherBook = (await other.importBook({ dir })).bookId;
  return { other, otherBook };
}

const invalid = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReaderError);
    expect((e as ReaderError).code).toBe('invalid_input');
    return (e as ReaderError).message;
  }
  throw new Error('expected invalid_input');
};

describe('W3C Web Annotation JSON', () => {
  it('exports each highlight with urn:uuid id, motivation, markdown body, source file and both selectors', async () => {
    const { content, mediaType, filename } = await core.exportAnnotations({ bookId, format: 'json' });
    expect(mediaType).toBe('application/ld+json');
    expect(filename).toMatch(/notes\.jsonld$/);
    const doc = JSON.parse(content) as { '@context': string; type: string; first: { items: Record<string, unknown>[] } };
    expect(doc).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 3 });
    const first = doc.first.items.find((i) => i.id === `urn:uuid:${made[0]!.id}`)!;
    expect(first).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      body: { type: 'TextualBody', value: 'Where are they kept?', format: 'text/markdown' },
      target: { source: 'docs/intro.md', selector: [made[0]!.target.quote, made[0]!.target.position] },
      'reader:color': 'green',
      'reader:anchor': { status: 'anchored', exact: 'keep the shipping bolts', score: 1, file: 'docs/intro.md' },
    });
    expect(doc.first.items.find((i) => i.id === `urn:uuid:${made[1]!.id}`)).toMatchObject({ motivation: 'highlighting' });
    expect(doc.first.items.find((i) => i.id === `urn:uuid:${made[1]!.id}`)).not.toHaveProperty('body');
  });

  it('round trip into a fresh data dir: same ids, notes, colours and anchors; a second import adds nothing', async () => {
    const { content } = await core.exportAnnotations({ bookId, format: 'json' });
    const { other, otherBook } = await freshCore('data-roundtrip');
    try {
      expect(await other.importAnnotations({ bookId: otherBook, content })).toEqual({ imported: 3, existing: 0, anchored: 3, review: 0, orphans: 0, skipped: [] });
      const pick = (a: Annotation) => ({ id: a.id, color: a.color, note: a.note, quote: a.target.quote, position: a.target.position, anchor: a.anchor, createdAt: a.createdAt });
      expect((await other.listAnnotations({ bookId: otherBook })).map(pick)).toEqual((await core.listAnnotations({ bookId })).map(pick));
      expect(await other.importAnnotations({ bookId: otherBook, content })).toMatchObject({ imported: 0, existing: 3 });
      expect(await other.listAnnotations({ bookId: otherBook })).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it('a minimal file written by hand (source as a URL, quote only, no id) imports and anchors; importing it again does not duplicate it', async () => {
    const content = JSON.stringify([
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'Annotation',
        body: { type: 'TextualBody', value: 'from another tool' },
        target: { source: 'https://courses.example.org/robot-book/docs/calibration.md', selector: { type: 'TextQuoteSelector', exact: 'homing routine' } },
      },
      { id: 'https://notes.example.org/a/17', target: { source: 'docs/safety.md', selector: [{ type: 'FragmentSelector', value: 'x' }, { type: 'TextQuoteSelector', exact: 'while the arm is powered' }] } },
    ]);
    const { other, otherBook } = await freshCore('data-handwritten');
    try {
      expect(await other.importAnnotations({ bookId: otherBook, content })).toMatchObject({ imported: 2, anchored: 2, skipped: [] });
      const list = await other.listAnnotations({ bookId: otherBook });
      const row = (exact: string) => list.find((a) => a.anchor.exact === exact);
      expect(row('homing routine')).toMatchObject({ note: 'from another tool', color: 'yellow', anchor: { chapterTitle: 'Calibration', status: 'anchored' } });
      expect(row('while the arm is powered')).toMatchObject({ note: '', anchor: { chapterTitle: 'Safety' }, target: { file: 'docs/safety.md' } });
      expect(await other.importAnnotations({ bookId: otherBook, content })).toMatchObject({ imported: 1, existing: 1 });
    } finally {
      await other.close();
    }
  });

  it('bad entries are skipped with index and reason; the good ones still import', async () => {
    const good = { target: { source: 'docs/safety.md', selector: { type: 'TextQuoteSelector', exact: 'Never reach' } } };
    const content = JSON.stringify([
      good,
      { target: 5 },
      { target: { source: 'docs/safety.md', selector: { type: 'TextPositionSelector', start: 0, end: 3 } } },
      { target: { source: 'docs/safety.md', selector: { type: 'TextQuoteSelector', exact: '' } } },
      { ...good, 'reader:color': 'red' },
      { ...good, body: { type: 'TextualBody', value: 'x'.repeat(10_001) } },
      JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "target": {"source": "docs/intro.md", "selector": {"type": "TextQuoteSelector", "exact": "clear bench"}}}'),
    ]);
    const { other, otherBook } = await freshCore('data-bad-entries');
    try {
      const r = await other.importAnnotations({ bookId: otherBook, content });
      expect(r.imported).toBe(2);
      expect(r.skipped.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
      expect(r.skipped[0]!.reason).toMatch(/target/);
      expect(r.skipped[1]!.reason).toMatch(/TextQuoteSelector/);
      expect(r.skipped[3]!.reason).toMatch(/reader:color/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('hostile files get a clear error and change nothing', async () => {
    const before = (await core.listAnnotations({ bookId })).length;
    expect(await invalid(core.importAnnotations({ bookId, content: '{"not json' }))).toMatch(/not JSON/);
    expect(await invalid(core.importAnnotations({ bookId, content: '"a string"' }))).toMatch(/AnnotationCollection/);
    expect(await invalid(core.importAnnotations({ bookId, content: '{"type":"AnnotationCollection","first":{"items":7}}' }))).toMatch(/AnnotationCollection/);
    expect(await invalid(core.importAnnotations({ bookId, content: `[${'0,'.repeat(999_999)}0]` }))).toMatch(/too many annotations \(1000000/);
    expect(await invalid(core.importAnnotations({ bookId, content: `[${'{},'.repeat(MAX_IMPORT_ENTRIES)}{}]` }))).toMatch(/too many/);
    // Deeply nested: either refused whole or every entry skipped, never a crash.
    const deep = `[${'['.repeat(200_000)}${']'.repeat(200_000)}]`;
    const r = await core.importAnnotations({ bookId, content: deep }).catch((e: unknown) => e);
    if (r instanceof ReaderError) expect(r.code).toBe('invalid_input');
    else expect(r).toMatchObject({ imported: 0, skipped: [{ index: 0 }] });
    // Over the size cap: refused at the contract.
    expect(methods.importAnnotations.input.safeParse({ bookId, content: 'x'.repeat(5_000_001) }).success).toBe(false);
    expect(await core.listAnnotations({ bookId })).toHaveLength(before);
  });
});

describe('Markdown export', () => {
  it('book title, chapters in reading order, quote as blockquote, note below, colour, a deep link; orphans in their own section', async () => {
    writeEdition(dir, EDITION_2);
    await core.importBook({ dir });
    const { content, mediaType } = await core.exportAnnotations({ bookId, format: 'markdown' });
    expect(mediaType).toBe('text/markdown');
    const title = (await core.listBooks({})).find((b) => b.id === bookId)!.title;
    expect(content.startsWith(`# ${title}\n`)).toBe(true);
    const order = ['## Getting the arm ready', '> keep the shipping bolts', 'Where are they kept?', '## Safety', '> the fence', 'Line 1\n\nLine 2', '## Orphans', '> A wrong zero makes every later pose wrong'];
    const at = order.map((s) => content.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    const toc = (await core.getToc({ bookId })).map((t) => t.title);
    expect(toc.indexOf('Getting the arm ready') < toc.indexOf('Safety')).toBe(at[0]! < at[3]!);
    expect(at[6]).toBeGreaterThan(Math.max(at[0]!, at[3]!));
    expect(content).toContain('Colour: green');
    const links = [...content.matchAll(/\[Open in the reader\]\(<([^>]+)>\)/g)].map((m) => parseDeepLink(m[1]!));
    expect(links).toHaveLength(3);
    expect(links).toContainEqual({ bookId, chapterId: made[0]!.target.chapterId, annotationId: made[0]!.id });
    expect(links).toContainEqual({ bookId, chapterId: made[1]!.target.chapterId, annotationId: made[1]!.id });
  });
});

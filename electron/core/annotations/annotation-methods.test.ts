/** The highlight methods over a real library (real import, real SQLite): writes, tombstones, validation, threads. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods, NOTE_MAX_CHARS, ReaderError } from '../contract.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { EDITION_1, EDITION_2 } from '../../../tests/fixtures/annotation-editions.js';
import { chapterIdOf, select, writeEdition } from './test-support/annotated-book.js';

let base: string;
let dir: string;
let core: ReaderCore;
let bookId: string;
let changes: string[];

beforeEach(async () => {
  base = mkdtempSync(join(tmpdir(), 'reader-annotations-'));
  dir = join(base, 'book');
  writeEdition(dir, EDITION_1);
  core = createReaderCore({ dataDir: join(base, 'data'), indexOnImport: false });
  bookId = (await core.importBook({ dir })).bookId;
  changes = [];
  core.on('annotationsChanged', (e) => changes.push(e.bookId));
}, 60_000);

afterEach(async () => {
  await core.close();
  rmSync(base, { recursive: true, force: true });
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReaderError);
    return { code: (e as ReaderError).code, field: (e as ReaderError).details.field };
  }
  throw new Error('expected a ReaderError');
};

describe('highlights and notes', () => {
  it('a new highlight stores the selectors, section path, chapter hash and file, and sits where it was made', async () => {
    const selection = await select(core, bookId, 'docs/intro.md', 'checks the brake before every move');
    const a = await core.addAnnotation({ bookId, selection, color: 'green', note: '' });
    expect(a.target).toMatchObject({
      chapterId: selection.chapterId,
      file: 'docs/intro.md',
      quote: { type: 'TextQuoteSelector', exact: 'checks the brake before every move' },
      position: { type: 'TextPositionSelector', start: selection.start, end: selection.end },
      sectionPath: ['Getting the arm ready', 'Power'],
    });
    expect(a.target.quote.prefix).toBe('When the switch is on, the controller '.slice(-32));
    expect(a.target.quote.suffix).toHaveLength(32);
    expect(a.target.contentHash).toBe(core.store.chapterHashes(bookId).get(selection.chapterId));
    expect(a.anchor).toMatchObject({ status: 'anchored', score: 1, exact: selection.exact, sectionAnchor: 'power', chapterTitle: 'Getting the arm ready' });
    expect(a).toMatchObject({ color: 'green', note: '', noteHtml: '', threadId: null });
    expect(changes).toEqual([bookId]);
  });

  it('renders the note from Markdown, strictly: no raw HTML, no images, only http(s)/mailto links opened safely', async () => {
    const note = '**Zero** first. <script>alert(1)</script><b onclick="x()">raw</b> ![pic](https://e.org/p.png) [ok](https://e.org) [bad](javascript:alert(1)) <img src=x onerror=y>';
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/safety.md', 'Never reach inside the fence'), color: 'yellow', note });
    expect(a.note).toBe(note);
    expect(a.noteHtml).toContain('<strong>Zero</strong>');
    expect(a.noteHtml).toContain('<a href="https://e.org" rel="noopener noreferrer nofollow" target="_blank">ok</a>');
    expect(a.noteHtml).not.toMatch(/<script|<img|<b |onclick|onerror|javascript:|alert\(1\)<\/script/);
    expect(a.noteHtml).toContain('<a rel="noopener noreferrer nofollow" target="_blank">bad</a>');
  });

  it('update bumps updated_at; delete hides it (a tombstone), restore brings it back; writes emit annotationsChanged', async () => {
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/safety.md', 'the fence'), color: 'yellow' });
    await new Promise((r) => setTimeout(r, 5));
    const b = await core.updateAnnotation({ annotationId: a.id, color: 'pink', note: 'Remember *this*.' });
    expect(b).toMatchObject({ color: 'pink', note: 'Remember *this*.', noteHtml: '<p>Remember <em>this</em>.</p>', createdAt: a.createdAt });
    expect(b.updatedAt > a.updatedAt).toBe(true);
    expect((await core.updateAnnotation({ annotationId: a.id, note: '' })).color).toBe('pink');

    await core.deleteAnnotation({ annotationId: a.id });
    expect(await core.listAnnotations({ bookId })).toEqual([]);
    const row = core.store.db.prepare('SELECT deleted_at, note FROM annotations WHERE id = ?').get(a.id) as { deleted_at: string | null; note: string };
    expect(row.deleted_at).not.toBeNull();
    expect(await failure(core.updateAnnotation({ annotationId: a.id, color: 'blue' }))).toEqual({ code: 'not_found', field: 'annotationId' });
    expect(await failure(core.deleteAnnotation({ annotationId: a.id }))).toMatchObject({ code: 'not_found' });

    const back = await core.restoreAnnotation({ annotationId: a.id });
    expect(back).toMatchObject({ id: a.id, color: 'pink', anchor: { status: 'anchored', exact: 'the fence' } });
    expect((await core.listAnnotations({ bookId })).map((x) => x.id)).toEqual([a.id]);
    expect(changes).toHaveLength(5);
    expect(await failure(core.restoreAnnotation({ annotationId: '5a0f3b9e-1111-4222-8333-444455556666' }))).toMatchObject({ code: 'not_found' });
  });

  it('undo after the delete already left for the service brings the highlight back under a new id, which syncs', async () => {
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/safety.md', 'the fence'), color: 'green', note: 'Keep out.' });
    const db = core.store.db;
    // A thread asked from the highlight, already sent.
    db.prepare("INSERT INTO ask_threads (id, book_id, title, annotation_id, created_at, updated_at) VALUES ('t1', ?, 'Why a fence?', ?, '', '')").run(bookId, a.id);
    await core.deleteAnnotation({ annotationId: a.id });
    const outbox = (id: string, kind = 'annotation') => db.prepare('SELECT op, data FROM sync_outbox WHERE kind = ? AND entity_id = ?').get(kind, id) as { op: string; data: string | null } | undefined;
    expect(outbox(a.id)?.op).toBe('delete');
    // As a push does once the service has it: the pending delete leaves the outbox.
    db.prepare("DELETE FROM sync_outbox WHERE kind = 'annotation' AND entity_id = ?").run(a.id);
    const back = await core.restoreAnnotation({ annotationId: a.id });
    // The thread follows the highlight to its new id, and that change is queued for the other machines.
    expect(db.prepare("SELECT annotation_id FROM ask_threads WHERE id = 't1'").get()).toEqual({ annotation_id: back.id });
    expect(outbox('t1', 'ask_thread')).toEqual({ op: 'put', data: JSON.stringify({ annotationId: back.id }) });
    expect(back.id).not.toBe(a.id);
    expect(back).toMatchObject({ color: 'green', note: 'Keep out.', createdAt: a.createdAt, anchor: { status: 'anchored', exact: 'the fence' } });
    expect(outbox(back.id)?.op).toBe('put');
    expect((await core.listAnnotations({ bookId })).map((x) => x.id)).toEqual([back.id]);
    // Undo while the delete is still waiting to go out: the same highlight, the pending delete replaced.
    await core.deleteAnnotation({ annotationId: back.id });
    expect((await core.restoreAnnotation({ annotationId: back.id })).id).toBe(back.id);
    expect(outbox(back.id)?.op).toBe('put');
  });

  it('checks the selection against the chapter: text elsewhere nearby is found, text not there is refused naming the field', async () => {
    const sel = await select(core, bookId, 'docs/calibration.md', 'known zero');
    // The page's offsets are a few characters off (e.g. counted before a late layout change): found by quote near there.
    const shifted = await core.addAnnotation({ bookId, selection: { ...sel, start: sel.start + 3, end: sel.end + 3 }, color: 'blue' });
    expect(shifted.anchor).toMatchObject({ start: sel.start, end: sel.end, exact: 'known zero' });
    // Whitespace differences are not a mismatch.
    const spaced = await core.addAnnotation({ bookId, selection: { ...sel, exact: 'known\n zero' }, color: 'blue' });
    expect(spaced.anchor.exact).toBe('known zero');
    expect(await failure(core.addAnnotation({ bookId, selection: { ...sel, exact: 'words that are not there at all' }, color: 'blue' }))).toEqual({
      code: 'invalid_input',
      field: 'selection.exact',
    });
    expect(await failure(core.addAnnotation({ bookId, selection: { ...sel, chapterId: 'no-such-chapter' }, color: 'blue' }))).toMatchObject({
      code: 'not_found',
      field: 'selection.chapterId',
    });
    expect(await failure(core.addAnnotation({ bookId: 'no-such-book', selection: sel, color: 'blue' }))).toMatchObject({ code: 'not_found' });
    expect(await failure(core.addAnnotation({ id: shifted.id, bookId, selection: sel, color: 'blue' }))).toMatchObject({ code: 'conflict' });
    expect(await core.listAnnotations({ bookId })).toHaveLength(2);
  });

  it('the contract refuses a note over the cap, an unknown colour, a backwards range', () => {
    const input = { bookId, selection: { chapterId: 'c', start: 0, end: 4, exact: 'abcd' }, color: 'yellow' };
    expect(methods.addAnnotation.input.safeParse(input).success).toBe(true);
    expect(methods.addAnnotation.input.safeParse({ ...input, note: 'x'.repeat(NOTE_MAX_CHARS + 1) }).success).toBe(false);
    expect(methods.addAnnotation.input.safeParse({ ...input, color: 'red' }).success).toBe(false);
    expect(methods.addAnnotation.input.safeParse({ ...input, selection: { ...input.selection, start: 5 } }).success).toBe(false);
  });

  it('an orphan can be re-attached to newly selected text', async () => {
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/calibration.md', 'A wrong zero makes every later pose wrong'), color: 'purple', note: 'why?' });
    writeEdition(dir, EDITION_2);
    await core.importBook({ dir });
    expect((await core.listAnnotations({ bookId }))[0]!.anchor.status).toBe('orphan');
    const moved = await core.reattachAnnotation({ annotationId: a.id, selection: await select(core, bookId, 'docs/calibration.md', 'Every joint needs a known zero') });
    expect(moved).toMatchObject({ note: 'why?', color: 'purple', anchor: { status: 'anchored', exact: 'Every joint needs a known zero', score: 1 } });
    expect(moved.target.quote.exact).toBe('Every joint needs a known zero');
    expect(moved.target.contentHash).toBe(core.store.chapterHashes(bookId).get(await chapterIdOf(core, bookId, 'docs/calibration.md')));
  });

  it('threadId is the newest live ask thread started from the highlight; deleting the highlight leaves threads alone', async () => {
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/safety.md', 'the fence'), color: 'yellow' });
    const thread = core.store.db.prepare('INSERT INTO ask_threads (id, book_id, title, annotation_id, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    thread.run('t-old', bookId, 'first', a.id, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', null);
    thread.run('t-new', bookId, 'second', a.id, '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', null);
    thread.run('t-gone', bookId, 'third', a.id, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z');
    expect((await core.listAnnotations({ bookId }))[0]!.threadId).toBe('t-new');
    await core.deleteAnnotation({ annotationId: a.id });
    expect(core.store.db.prepare('SELECT count(*) AS n FROM ask_threads WHERE deleted_at IS NULL').get()).toEqual({ n: 2 });
  });

  it('lazily re-anchors highlights stored against an older edition (a book imported by an older version)', async () => {
    const a = await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/safety.md', 'the fence'), color: 'yellow' });
    core.store.db.prepare("UPDATE annotations SET anchor_start = 0, anchor_end = 3, anchored_hash = 'old-edition' WHERE id = ?").run(a.id);
    changes.length = 0;
    const [again] = await core.listAnnotations({ bookId });
    expect(again!.anchor).toMatchObject({ start: a.anchor.start, end: a.anchor.end, exact: 'the fence', status: 'anchored' });
    expect(changes).toEqual([bookId]);
    await core.listAnnotations({ bookId });
    expect(changes).toHaveLength(1);
  });
});

/**
 * Ask threads over a real library database and a real imported book (our own words): what is kept, listing and
 * search, rename and delete, the rules on thread ids, follow-up turns, and citations placed again after a new
 * edition of the book moves or rewords their passages.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CraftedBooks } from '../../../tests/fixtures/crafted-book.js';
import type { AskPassage, AskResult, ReaderEvents } from '../contract.js';
import { importTrustedBookFolder } from '../library/import-book.js';
import { LibraryStore } from '../library/store/library-store.js';
import { createAnnotations } from '../annotations/annotation-methods.js';
import { createAskHistory, type AskHistory } from './ask-history.js';

const GAIT = [
  '# Walking',
  '',
  'A biped shifts its weight before every step.',
  '',
  '## Ankles',
  '',
  'The ankle joints carry force sensors that drift as they warm up, so the controller zeroes them while the foot is in the air.',
  '',
  '## Hips',
  '',
  'Hip motors swing each leg forward in a smooth arc.',
  '',
].join('\n');
const HANDS = ['# Grasping', '', 'Fingers close until the grip sensors report enough pressure.', ''].join('\n');

const books = new CraftedBooks();
let data: string;
let store: LibraryStore;
let events: { name: string; bookId: string }[];
let history: AskHistory;
let bookDir: string;
let bookId: string;

function passage(chapterId: string, anchor: string, text: string): AskPassage {
  return { chapterId, chapterTitle: 'Walking', file: `${chapterId}.md`, heading: anchor, anchor, text, score: 1 };
}
const ankles = () => passage('gait', 'ankles', 'The ankle joints carry force sensors that drift as they warm up, so the controller zeroes them while the foot is in the air.');
const answered = (p: AskPassage): AskResult => ({
  answer: { sentences: [{ text: 'The sensors are zeroed while the foot is in the air.', citation: { passage: 0, chapterId: p.chapterId, chapterTitle: p.chapterTitle, heading: p.heading, anchor: p.anchor } }] },
  passages: [p],
});

beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'reader-ask-history-'));
  store = new LibraryStore(join(data, 'library.sqlite'));
  bookDir = books.folder({ 'gait.md': GAIT, 'hands.md': HANDS });
  bookId = importTrustedBookFolder(store, bookDir).bookId;
  events = [];
  const emit = <E extends 'askThreadsChanged' | 'annotationsChanged'>(name: E, payload: ReaderEvents[E]) => void events.push({ name, bookId: payload.bookId });
  history = createAskHistory(store, createAnnotations(store, () => {}).placement, emit);
});
afterEach(() => {
  store.close();
  rmSync(data, { recursive: true, force: true });
  books.cleanup();
});

describe('ask threads', () => {
  it('keeps each question with its answer, cited passages (with selectors), mode and time; the first question is the title', async () => {
    const threadId = randomUUID();
    history.recordOffline({ bookId, threadId, question: 'Why are the ankle sensors zeroed?' }, answered(ankles()));
    const thread = await history.methods.getAskThread({ threadId });
    expect(thread).toMatchObject({ id: threadId, bookId, title: 'Why are the ankle sensors zeroed?', messageCount: 1, lastMode: 'offline', annotationId: null });
    const [m] = thread.messages;
    expect(m).toMatchObject({ question: 'Why are the ankle sensors zeroed?', answer: 'The sensors are zeroed while the foot is in the air. [1]', mode: 'offline', model: null });
    expect(Date.parse(m!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const [c] = m!.citations;
    expect(c).toMatchObject({ n: 1, chapterTitle: 'Walking', heading: 'Ankles' });
    expect(c!.target).toMatchObject({ chapterId: 'gait', file: 'gait.md', sectionPath: ['Walking', 'Ankles'] });
    expect(c!.target!.quote.exact).toMatch(/^The ankle joints carry force sensors/);
    expect(c!.target!.quote.prefix).toMatch(/Ankles\s*$/);
    expect(c!.anchor).toMatchObject({ status: 'anchored', chapterId: 'gait', chapterTitle: 'Walking', score: 1, sectionAnchor: 'ankles' });
    expect(c!.anchor!.exact).toBe(c!.target!.quote.exact);
    expect(events).toEqual([{ name: 'askThreadsChanged', bookId }]);
  });

  it('keeps an online answer with its model, and a question no sentence answered with an empty answer', async () => {
    const threadId = randomUUID();
    history.recordOffline({ bookId, threadId, question: 'What do hips do?' }, { answer: null, passages: [passage('gait', 'hips', 'Hip motors swing each leg forward in a smooth arc.')] });
    history.record({
      bookId,
      threadId,
      question: 'What do hips do?',
      answer: 'They swing the legs [1].',
      passages: [{ chapterId: 'gait', anchor: 'hips', text: 'Hip motors swing each leg forward in a smooth arc.', label: 'Walking › Hips' }],
      mode: 'online',
      model: 'fake-model',
    });
    const thread = await history.methods.getAskThread({ threadId });
    expect(thread.messages.map((m) => [m.answer, m.mode, m.model])).toEqual([
      ['', 'offline', null],
      ['They swing the legs [1].', 'online', 'fake-model'],
    ]);
    expect(thread.lastMode).toBe('online');
    expect(thread.messages[1]!.citations[0]!.anchor).toMatchObject({ status: 'anchored', sectionAnchor: 'hips' });
  });

  it('keeps nothing for a question that found no passage', async () => {
    const threadId = randomUUID();
    history.recordOffline({ bookId, threadId, question: 'zzz' }, { answer: null, passages: [], message: 'Nothing matches.' });
    await expect(history.methods.getAskThread({ threadId })).rejects.toMatchObject({ code: 'not_found' });
    expect(await history.methods.listAskThreads({ bookId })).toEqual([]);
  });

  it('lists threads newest first, searches titles, questions and answers (LIKE characters literal), renames and deletes', async () => {
    const a = randomUUID();
    const b = randomUUID();
    history.recordOffline({ bookId, threadId: a, question: 'Why are the ankle sensors zeroed?' }, answered(ankles()));
    history.recordOffline({ bookId, threadId: b, question: 'What makes 100% grip?' }, { answer: null, passages: [passage('hands', '', 'Fingers close until the grip sensors report enough pressure.')] });
    history.recordOffline({ bookId, threadId: a, question: 'And the hips?' }, answered(ankles()));
    const list = await history.methods.listAskThreads({ bookId });
    expect(list.map((t) => [t.id, t.messageCount])).toEqual([
      [a, 2],
      [b, 1],
    ]);
    expect((await history.methods.listAskThreads({ bookId, query: 'hips' })).map((t) => t.id)).toEqual([a]);
    expect((await history.methods.listAskThreads({ bookId, query: 'foot is in the air' })).map((t) => t.id)).toEqual([a]);
    expect((await history.methods.listAskThreads({ bookId, query: '100%' })).map((t) => t.id)).toEqual([b]);
    expect(await history.methods.listAskThreads({ bookId, query: '0%_' })).toEqual([]);

    const renamed = await history.methods.renameAskThread({ threadId: b, title: 'Grip strength' });
    expect(renamed).toMatchObject({ id: b, title: 'Grip strength', messageCount: 1 });
    expect((await history.methods.listAskThreads({ bookId, query: 'strength' })).map((t) => t.id)).toEqual([b]);

    events = [];
    expect(await history.methods.deleteAskThread({ threadId: a })).toEqual({ ok: true });
    expect(events).toEqual([{ name: 'askThreadsChanged', bookId }]);
    expect((await history.methods.listAskThreads({ bookId })).map((t) => t.id)).toEqual([b]);
    await expect(history.methods.getAskThread({ threadId: a })).rejects.toMatchObject({ code: 'not_found' });
    await expect(history.methods.renameAskThread({ threadId: a, title: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(history.methods.deleteAskThread({ threadId: a })).rejects.toMatchObject({ code: 'not_found' });
    // A tombstone, not a removal: the rows stay for sync, marked.
    const rows = store.db.prepare('SELECT m.deleted_at FROM ask_messages m JOIN ask_threads t ON t.id = m.thread_id WHERE t.id = ?').all(a) as { deleted_at: string | null }[];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.deleted_at !== null)).toBe(true);
    // Asking into a deleted thread is refused, not silently revived.
    expect(() => history.check({ bookId, threadId: a })).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
  });

  it('cuts long first questions to a one-line title', async () => {
    const threadId = randomUUID();
    const question = `Why   do\nankle sensors ${'drift '.repeat(30)}?`;
    history.recordOffline({ bookId, threadId, question }, answered(ankles()));
    const { title } = await history.methods.getAskThread({ threadId });
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title).toMatch(/^Why do ankle sensors drift drift.*…$/);
  });

  it('refuses a thread of another book, and starts a thread from a highlight (which then changes too)', async () => {
    const threadId = randomUUID();
    history.recordOffline({ bookId, threadId, question: 'Why?' }, answered(ankles()));
    expect(() => history.check({ bookId: 'another-book', threadId })).toThrow(expect.objectContaining({ code: 'invalid_input' }) as Error);
    expect(() => history.record({ bookId: 'another-book', threadId, question: 'q', answer: '', passages: [], mode: 'offline', model: null })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }) as Error,
    );

    events = [];
    const fromHighlight = randomUUID();
    const annotationId = randomUUID();
    history.recordOffline({ bookId, threadId: fromHighlight, annotationId, question: 'Explain this' }, answered(ankles()));
    expect(events).toEqual([
      { name: 'askThreadsChanged', bookId },
      { name: 'annotationsChanged', bookId },
    ]);
    expect((await history.methods.getAskThread({ threadId: fromHighlight })).annotationId).toBe(annotationId);
  });

  it('gives a follow-up the earlier turns: one per question (the later answer), no markers, not the question itself', () => {
    const threadId = randomUUID();
    expect(history.followUps(threadId, 'Anything?')).toEqual([]);
    history.recordOffline({ bookId, threadId, question: 'Why are the ankle sensors zeroed?' }, answered(ankles()));
    history.record({ bookId, threadId, question: 'Why are the ankle sensors zeroed?', answer: 'They drift with heat [1].', passages: [], mode: 'online', model: 'm' });
    history.recordOffline({ bookId, threadId, question: 'And the hips?' }, answered(ankles()));
    expect(history.followUps(threadId, 'And the hips?')).toEqual([{ question: 'Why are the ankle sensors zeroed?', answer: 'They drift with heat.' }]);
    expect(history.followUps(threadId, 'And the knees?')).toEqual([
      { question: 'Why are the ankle sensors zeroed?', answer: 'They drift with heat.' },
      { question: 'And the hips?', answer: 'The sensors are zeroed while the foot is in the air.' },
    ]);
  });
});

describe('citations in a new edition of the book', () => {
  it('are found again when text is inserted before them, when they move to another chapter, and kept as orphans when deleted', async () => {
    const before = randomUUID();
    const moved = randomUUID();
    const gone = randomUUID();
    history.recordOffline({ bookId, threadId: before, question: 'Ankles?' }, answered(ankles()));
    history.recordOffline({ bookId, threadId: moved, question: 'Hips?' }, { answer: null, passages: [passage('gait', 'hips', 'Hip motors swing each leg forward in a smooth arc.')] });
    history.recordOffline({ bookId, threadId: gone, question: 'Grip?' }, { answer: null, passages: [passage('hands', '', 'Fingers close until the grip sensors report enough pressure.')] });
    const old = (await history.methods.getAskThread({ threadId: before })).messages[0]!.citations[0]!.anchor!;

    // Second edition: a paragraph inserted before the ankles (and a word made bold), the hips section moved to the
    // hands chapter, the grip sentence rewritten beyond recognition.
    writeFileSync(
      join(bookDir, 'gait.md'),
      [
        '# Walking',
        '',
        'A biped shifts its weight before every step.',
        '',
        'Balance comes first: a robot that cannot stand still cannot walk.',
        '',
        '## Ankles',
        '',
        'The ankle joints carry **force sensors** that drift as they warm up, so the controller zeroes them while the foot is in the air.',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(bookDir, 'hands.md'),
      ['# Grasping', '', 'A palm camera picks the object out of the scene.', '', '## Hips', '', 'Hip motors swing each leg forward in a smooth arc.', ''].join('\n'),
    );
    importTrustedBookFolder(store, bookDir);

    const now = (await history.methods.getAskThread({ threadId: before })).messages[0]!.citations[0]!.anchor!;
    expect(now, JSON.stringify(now)).toMatchObject({ status: 'anchored', chapterId: 'gait', sectionAnchor: 'ankles' });
    expect(now.start).toBeGreaterThan(old.start);
    expect(now.exact.replace(/\s+/g, ' ')).toMatch(/^The ankle joints carry force sensors that drift/);

    const hips = (await history.methods.getAskThread({ threadId: moved })).messages[0]!.citations[0]!;
    expect(hips.target!.chapterId).toBe('gait');
    expect(hips.anchor).toMatchObject({ status: 'anchored', chapterId: 'hands', chapterTitle: 'Grasping', sectionAnchor: 'hips', exact: 'Hip motors swing each leg forward in a smooth arc.' });

    const grip = (await history.methods.getAskThread({ threadId: gone })).messages[0]!.citations[0]!;
    expect(grip.target!.quote.exact).toBe('Fingers close until the grip sensors report enough pressure.');
    expect(grip.anchor).toMatchObject({ status: 'orphan', chapterId: null });
  });
});

/**
 * Two lab machines (two data dirs, the real reader core) sharing one student's work through the real service, on
 * the embedded database and on real PostgreSQL: offline work waits and then arrives whole, concurrent edits
 * resolve by server order, deletes win, a wiped machine gets everything from cursor 0, a retried push changes
 * nothing, a clock a day ahead changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTempPostgres, type TempPostgres } from '../../../tests/fixtures/temp-postgres.js';
import { startTestRemote, type TestRemote } from '../../../tests/fixtures/remote-service.js';
import { AskThreadStore } from '../ask-history/ask-thread-store.js';
import { importBookOn, labMachine, newStudent, type LabMachine } from './test-support/lab-machines.js';
import { pendingCount, takeBatch } from './sync-run.js';

const backends: [string, () => Promise<{ remote: TestRemote; close: () => Promise<void> }>][] = [
  ['embedded', async () => {
    const remote = await startTestRemote();
    return { remote, close: () => remote.destroy() };
  }],
  ['postgres', async () => {
    const pg: TempPostgres = await startTempPostgres();
    const remote = await startTestRemote({ DATABASE_URL: pg.url, BETTER_AUTH_SECRET: 'sync-test-secret-0123456789-abcdefghijklmnop' });
    return { remote, close: async () => (await remote.destroy(), await pg.destroy()) };
  }],
];

const selection = (chapterId: string, exact: string, text: string) => {
  const start = text.indexOf(exact);
  return { chapterId, start, end: start + exact.length, exact };
};

describe.each(backends)('sync between two lab machines (%s)', (_name, setup) => {
  let svc: Awaited<ReturnType<typeof setup>>;
  const machines: LabMachine[] = [];
  const machine = async (o?: Parameters<typeof labMachine>[0]) => {
    const m = await labMachine(o);
    machines.push(m);
    return m;
  };
  beforeAll(async () => {
    svc = await setup();
  }, 60_000);
  afterAll(async () => {
    for (const m of machines) await m.close();
    await svc?.close();
  });

  const highlight = async (m: LabMachine, exact: string, note: string) => {
    const chapterId = await m.chapterId('kinematics.md');
    const text = 'Kinematics Forward kinematics turns joint angles into a pose. Inverse kinematics goes the other way.';
    return m.core.addAnnotation({ bookId: m.bookId, selection: selection(chapterId, exact, text), color: 'yellow', note });
  };

  it('work done offline on A reaches B only after A reconnects, then all of it', async () => {
    const student = await newStudent(svc.remote.url);
    const transport = student.transport(svc.remote.url);
    const a = await machine();
    const b = await machine();
    await svc.remote.stop();
    const note = await highlight(a, 'joint angles', 'six of them');
    const chapterId = await a.chapterId('kinematics.md');
    await a.core.saveProgress({ bookId: a.bookId, chapterId, position: 0.6 });
    const bookmark = await a.core.addBookmark({ bookId: a.bookId, chapterId, position: 0.5, anchor: null, label: 'IK' });
    await a.core.setSettings({ fontSize: 22 });
    const threadId = randomUUID();
    new AskThreadStore(a.core.store.db).append({ threadId, bookId: a.bookId, question: 'Why six joints?', answer: 'For a full pose.', citations: [], mode: 'offline', model: null });
    await expect(a.sync(transport)).rejects.toThrow(/Cannot reach/);
    expect(pendingCount(a.core.store.db)).toBe(6);
    await svc.remote.start();

    await b.sync(transport);
    expect(await b.core.listAnnotations({ bookId: b.bookId })).toEqual([]);

    const pushed = await a.sync(transport);
    expect(pushed.pushed).toEqual({ annotation: 1, progress: 1, bookmark: 1, setting: 1, ask_thread: 1, ask_message: 1 });
    expect(pendingCount(a.core.store.db)).toBe(0);
    const pulled = await b.sync(transport);
    expect(pulled.pulled).toMatchObject({ annotation: 1, progress: 1, bookmark: 1, setting: 1, ask_thread: 1, ask_message: 1 });
    const onB = await b.core.listAnnotations({ bookId: b.bookId });
    expect(onB.map((x) => [x.id, x.note, x.anchor.status])).toEqual([[note.id, 'six of them', 'anchored']]);
    expect((await b.core.listBookmarks({ bookId: b.bookId })).map((x) => [x.id, x.label])).toEqual([[bookmark.id, 'IK']]);
    expect((await b.core.getSettings({})).fontSize).toBe(22);
    expect((await b.core.getAskThread({ threadId })).messages.map((m) => m.answer)).toEqual(['For a full pose.']);
    expect(b.rows('SELECT chapter_id, position FROM sync_remote_progress')).toEqual([{ chapter_id: chapterId, position: 0.6 }]);
    // Nothing B applied goes back out.
    expect(pendingCount(b.core.store.db)).toBe(0);
  }, 60_000);

  it('concurrent edits of one note: the later push wins; a delete on A beats an edit on B', async () => {
    const student = await newStudent(svc.remote.url);
    const t = student.transport(svc.remote.url);
    const a = await machine();
    const b = await machine();
    const h = await highlight(a, 'a pose', 'draft');
    await a.sync(t);
    await b.sync(t);
    await a.core.updateAnnotation({ annotationId: h.id, note: 'from A' });
    await b.core.updateAnnotation({ annotationId: h.id, note: 'from B', color: 'green' });
    await a.sync(t);
    await b.sync(t); // B's push comes after A's in server order
    await a.sync(t);
    for (const m of [a, b]) expect((await m.core.listAnnotations({ bookId: m.bookId })).map((x) => [x.note, x.color])).toEqual([['from B', 'green']]);

    await a.core.deleteAnnotation({ annotationId: h.id });
    await b.core.updateAnnotation({ annotationId: h.id, note: 'late edit' });
    await a.sync(t);
    await b.sync(t);
    await a.sync(t);
    for (const m of [a, b]) expect(await m.core.listAnnotations({ bookId: m.bookId })).toEqual([]);
    // A wiped machine never sees it again either.
    const c = await machine();
    await c.sync(t);
    expect(await c.core.listAnnotations({ bookId: c.bookId })).toEqual([]);
  }, 60_000);

  it('a wiped machine gets everything from cursor 0; a re-sent batch changes nothing', async () => {
    const student = await newStudent(svc.remote.url);
    const t = student.transport(svc.remote.url);
    const a = await machine();
    for (const words of ['six joints', 'emergency stop']) {
      const chapterId = await a.chapterId('intro.md');
      const text = 'Getting started The arm has six joints and one gripper. Keep the emergency stop within reach.';
      await a.core.addAnnotation({ bookId: a.bookId, selection: selection(chapterId, words, text), color: 'blue', note: words });
    }
    // The push reached the service but its answer was lost: the batch is still in flight and goes again.
    const batch = takeBatch(a.core.store.db)!;
    await t.push(batch);
    const again = await a.sync(t);
    expect(again.pushed).toEqual({ annotation: 2 });
    const wiped = await machine();
    const report = await wiped.sync(t);
    expect(report.pulled).toEqual({ annotation: 2 });
    expect((await wiped.core.listAnnotations({ bookId: wiped.bookId })).map((x) => x.note).sort()).toEqual(['emergency stop', 'six joints']);
    // The second send was skipped by the service: one version holds both highlights.
    expect(new Set(wiped.rows<{ v: number }>('SELECT 1 AS v FROM annotations').map((r) => r.v)).size).toBe(1);
    expect(report.cursor).toBe(1);
  }, 60_000);

  it('records for a book this machine lacks wait and land when it is imported', async () => {
    const student = await newStudent(svc.remote.url);
    const t = student.transport(svc.remote.url);
    const a = await machine();
    await highlight(a, 'Inverse kinematics', 'the other way');
    await a.sync(t);
    const bare = await machine({ withBook: false });
    const report = await bare.sync(t);
    expect(report.parked).toBe(1);
    await importBookOn(bare);
    expect((await bare.core.listAnnotations({ bookId: bare.bookId })).map((x) => x.note)).toEqual(['the other way']);
    expect(bare.rows('SELECT * FROM sync_parked')).toEqual([]);
  }, 60_000);

  it('a clock a day ahead on A changes nothing: server order decides', async () => {
    const student = await newStudent(svc.remote.url);
    const t = student.transport(svc.remote.url);
    const a = await machine();
    const b = await machine();
    const h = await highlight(a, 'joint angles', 'first');
    await a.sync(t);
    await b.sync(t);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 24 * 3600_000 });
    // Only A's writes see the skewed clock (the service runs in this process too, and keeps its own time).
    try {
      await a.core.updateAnnotation({ annotationId: h.id, note: 'A, a day ahead' });
    } finally {
      vi.useRealTimers();
    }
    await a.sync(t);
    await b.core.updateAnnotation({ annotationId: h.id, note: 'B, later' });
    await b.sync(t);
    await a.sync(t);
    for (const m of [a, b]) expect((await m.core.listAnnotations({ bookId: m.bookId })).map((x) => x.note)).toEqual(['B, later']);
  }, 60_000);
});

/**
 * The desktop side of `npm run bench:sync`: the real sync run (electron/core/sync) against the service, into real
 * library databases in temp data dirs. The book the highlights belong to is a small folder imported for real,
 * then given the bench's book key (the highlights were pushed for that key).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotationStore, nowIso, type AnnotationRow } from '../../electron/core/annotations/annotation-store.js';
import { createRemoteClient } from '../../electron/core/account/remote-client.js';
import { importTrustedBookFolder } from '../../electron/core/library/import-book.js';
import { LibraryStore } from '../../electron/core/library/store/library-store.js';
import { pullAll, pushAll, runSync, type SyncReport, type SyncTransport } from '../../electron/core/sync/sync-run.js';

const emptyReport = (): SyncReport => ({ pushed: {}, rejected: [], pulled: {}, parked: 0, handoffs: 0, cursor: 0, requests: { push: 0, pull: 0 } });

/** A fresh data dir with one book under `bookKey`. */
function machine(bookKey: string) {
  const dir = mkdtempSync(join(tmpdir(), 'reader-bench-desktop-'));
  const bookDir = join(dir, 'book');
  mkdirSync(bookDir);
  writeFileSync(join(bookDir, 'kinematics.md'), '# Kinematics\n\nForward kinematics maps joint angles to a pose of the tool.\n');
  const store = new LibraryStore(join(dir, 'library.sqlite'));
  const { bookId } = importTrustedBookFolder(store, bookDir);
  store.db.prepare('UPDATE books SET book_key = ? WHERE id = ?').run(bookKey, bookId);
  return { store, bookId, close: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

export function desktopTransport(url: string, jwt: string): SyncTransport {
  const client = createRemoteClient({ baseUrl: url, timeoutMs: 60_000 });
  return { push: (b) => client.syncPush(jwt, b), pull: (c) => client.syncPull(jwt, c, 2000) };
}

type Row = (what: string, runs: number[], extra?: string) => void;
const time = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

/**
 * `seeded`: a student holding `records` highlights with notes for `bookKey`; `fresh`: one with nothing yet.
 */
export async function measureDesktop(row: Row, rounds: number, seeded: SyncTransport, records: number, bookKey: string, fresh: () => Promise<SyncTransport>): Promise<void> {
  const pulls: number[] = [];
  let pulled = emptyReport();
  for (let r = 0; r < rounds; r++) {
    const m = machine(bookKey);
    try {
      pulls.push(await time(async () => (pulled = await runSync(m.store.db, seeded))));
      const n = (m.store.db.prepare('SELECT COUNT(*) AS n FROM annotations').get() as { n: number }).n;
      if (n !== records) throw new Error(`desktop pulled ${n} highlights, expected ${records}`);
    } finally {
      m.close();
    }
  }
  row(`desktop: sync ${records} highlights into an empty data dir`, pulls, `${pulled.requests.pull} pull requests, applied in SQLite`);

  const pushes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const m = machine(bookKey);
    try {
      const target = JSON.parse('{"chapterId":"kinematics","file":"kinematics.md","quote":{"type":"TextQuoteSelector","exact":"joint angles","prefix":"","suffix":""},"position":{"type":"TextPositionSelector","start":10,"end":22},"sectionPath":[],"contentHash":""}') as AnnotationRow['target'];
      const at = nowIso();
      new AnnotationStore(m.store.db).insertMany(
        Array.from({ length: 1000 }, (_, i): AnnotationRow => ({
          id: randomUUID(), bookId: m.bookId, color: 'yellow', note: `queued note ${i}`, noteHtml: '', target,
          anchor: { status: 'orphan', chapterId: null, start: 0, end: 0, score: 0, hash: '', exact: '', section: '' }, createdAt: at, updatedAt: at, deletedAt: null,
        })),
      );
      const transport = await fresh();
      const report = emptyReport();
      pushes.push(await time(() => pushAll(m.store.db, transport, report)));
      if (report.pushed.annotation !== 1000) throw new Error(`pushed ${JSON.stringify(report.pushed)}`);
    } finally {
      m.close();
    }
  }
  row('desktop: push 1000 queued changes (outbox to service)', pushes, '2 requests of 500');

  const m = machine(bookKey);
  try {
    await runSync(m.store.db, seeded);
    const steady: number[] = [];
    let report = emptyReport();
    for (let i = 0; i < 20; i++) steady.push(await time(async () => (report = emptyReport(), await pushAll(m.store.db, seeded, report), await pullAll(m.store.db, seeded, report))));
    row('desktop: steady-state sync, nothing new', steady, `${report.requests.push} push + ${report.requests.pull} pull request(s)`);
  } finally {
    m.close();
  }
}

/**
 * `reader sync` and `reader logout` on two lab machines (two data dirs, each with its own keychain entry) with the
 * real CLI, the real service and a real keychain (scripts/with-keyring.sh): what one machine did reaches the other,
 * a change written just before a kill -9 still goes out, and an offline sign-out keeps or discards the unsent
 * changes and leaves nothing of the student in the data dir.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringMissing, keytar, uniqueServiceName } from '../../../tests/fixtures/keyring.js';
import { startTestRemote, type TestRemote } from '../../../tests/fixtures/remote-service.js';
import { runCli } from '../../../tests/fixtures/run-cli.js';
import { LibraryStore } from '../library/store/library-store.js';
import { BUNDLED_BOOK_ID } from '../library/ids.js';
import { bundledBookDir } from '../paths.js';
import { createReaderCore } from '../reader-core.js';
import { releaseLease, takeLease } from '../sync/sync-lease.js';

const noKeyring = await keyringMissing('reader sync');

describe.skipIf(noKeyring !== null)('reader sync / logout on two machines', { timeout: 180_000 }, () => {
  let remote: TestRemote;
  const email = `sync-cli-${Date.now()}@example.com`;
  const password = 'typed on stdin only';
  const machines = ['A', 'B'].map(() => ({ dataDir: mkdtempSync(join(tmpdir(), 'reader-cli-sync-')), service: uniqueServiceName() }));
  const [a, b] = machines as [(typeof machines)[0], (typeof machines)[0]];

  beforeAll(async () => {
    remote = await startTestRemote({ AUTH_RATE_MAX: '100' });
  });
  afterAll(async () => {
    await remote?.destroy();
    for (const m of machines) {
      await keytar.deletePassword(m.service, 'session').catch(() => false);
      rmSync(m.dataDir, { recursive: true, force: true });
    }
  });

  const reader = (m: (typeof machines)[0], args: string[], stdin = '') =>
    runCli(args, { stdin, env: { READER_KEYCHAIN_SERVICE: m.service, READER_DATA_DIR: m.dataDir } });
  const syncJson = async (m: (typeof machines)[0]) => {
    const r = await reader(m, ['sync', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { pushed: Record<string, number>; pulled: Record<string, number>; cursor: number };
  };
  /** A bookmark in the bundled book, written by the real core on the machine's data dir. */
  const bookmark = async (m: (typeof machines)[0], label: string) => {
    const core = createReaderCore({ dataDir: m.dataDir, bundledBookDir: bundledBookDir(), indexOnImport: false });
    try {
      const chapterId = (await core.getToc({ bookId: BUNDLED_BOOK_ID }))[0]!.id;
      return await core.addBookmark({ bookId: BUNDLED_BOOK_ID, chapterId, position: 0.5, anchor: null, label });
    } finally {
      await core.close();
    }
  };
  const labels = (m: (typeof machines)[0]) => {
    const store = new LibraryStore(join(m.dataDir, 'library.sqlite'));
    try {
      return store.listBookmarks(BUNDLED_BOOK_ID).map((x) => x.label).sort();
    } finally {
      store.close();
    }
  };
  const count = (m: (typeof machines)[0], table: string) => {
    const store = new LibraryStore(join(m.dataDir, 'library.sqlite'));
    try {
      return (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      store.close();
    }
  };

  it('what A did reaches B through `reader sync`', async () => {
    const up = await reader(a, ['signup', '--remote', remote.url, '--email', email, '--name', 'Lin', '--software', 'beginner', '--hardware', 'hobbyist'], `${password}\n`);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect((await reader(b, ['login', '--remote', remote.url, '--email', email], `${password}\n`)).code).toBe(0);
    await bookmark(a, 'forward kinematics');
    expect((await syncJson(a)).pushed).toEqual({ bookmark: 1 });
    const onB = await syncJson(b);
    expect(onB.pulled).toEqual({ bookmark: 1 });
    expect(labels(b)).toEqual(['forward kinematics']);
    // Nothing new: one small request each way, nothing moves.
    expect(await syncJson(b)).toMatchObject({ pushed: {}, pulled: {}, cursor: onB.cursor });
    const text = await reader(b, ['sync']);
    expect(text.stdout).toMatch(/^Pushed 0; pulled 0; cursor \d+\./);
  });

  it('`reader sync` never syncs while another process holds the data dir\'s sync lease (exit 3), and does once it is released', async () => {
    await bookmark(a, 'while the app syncs');
    // This test process plays the app's engine in the middle of a sync on A's data dir.
    const app = new LibraryStore(join(a.dataDir, 'library.sqlite'));
    try {
      expect(takeLease(app.db, 'the app', Date.now(), 60_000)).toBe(true);
      const busy = await reader(a, ['sync', '--json']);
      expect(busy.code).toBe(3);
      expect(busy.stderr).toMatch(/another sync is running on this machine/i);
      expect(count(a, 'sync_outbox')).toBe(1);
      releaseLease(app.db, 'the app');
    } finally {
      app.close();
    }
    expect((await syncJson(a)).pushed).toEqual({ bookmark: 1 });
    await syncJson(b);
    expect(labels(b)).toEqual(['forward kinematics', 'while the app syncs']);
  });

  it('a change written just before a kill -9 goes out on the next run', async () => {
    const store = new LibraryStore(join(a.dataDir, 'library.sqlite'));
    const chapterId = store.getToc(BUNDLED_BOOK_ID)[0]!.id;
    store.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/sync/test-support/write-then-hang-child.ts', join(a.dataDir, 'library.sqlite'), BUNDLED_BOOK_ID, chapterId]);
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    expect(String(line)).toMatch(/^[0-9a-f-]{36}\n$/);
    child.kill('SIGKILL');
    await once(child, 'close');
    expect((await syncJson(a)).pushed).toEqual({ bookmark: 1 });
    await syncJson(b);
    expect(labels(b)).toEqual(['forward kinematics', 'while the app syncs', 'written before the crash']);
  });

  it('offline sign-out: refused until the student chooses; keep leaves nothing but the kept changes, which go out at the next sign-in', async () => {
    await bookmark(a, 'unsent');
    await remote.stop();
    const refused = await reader(a, ['logout']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/1 unsent change\(s\) could not be sent .*--unsent keep/);
    expect(labels(a)).toContain('unsent');
    const kept = await reader(a, ['logout', '--unsent', 'keep']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/1 unsent change\(s\) kept/);
    for (const table of ['annotations', 'bookmarks', 'progress', 'settings', 'ask_threads', 'ask_messages', 'sync_outbox', 'sync_remote_progress', 'sync_parked']) {
      expect([table, count(a, table)]).toEqual([table, 0]);
    }
    expect(count(a, 'sync_kept')).toBe(1);
    await remote.start();
    expect((await reader(a, ['login', '--remote', remote.url, '--email', email], `${password}\n`)).code).toBe(0);
    const back = await syncJson(a);
    expect(back.pushed).toEqual({ bookmark: 1 });
    expect(back.pulled).toMatchObject({ bookmark: 4 });
    expect(count(a, 'sync_kept')).toBe(0);
    await syncJson(b);
    expect(labels(b)).toEqual(['forward kinematics', 'unsent', 'while the app syncs', 'written before the crash']);
  });

  it('online sign-out flushes, then wipes; discard drops what cannot go', async () => {
    await bookmark(b, 'last one from B');
    const out = await reader(b, ['logout']);
    expect(out.code).toBe(0);
    expect(count(b, 'bookmarks')).toBe(0);
    expect(count(b, 'sync_outbox')).toBe(0);
    expect(labels(a)).not.toContain('last one from B');
    expect((await syncJson(a)).pulled).toEqual({ bookmark: 1 });

    await bookmark(a, 'dropped');
    await remote.stop();
    const dropped = await reader(a, ['logout', '--unsent', 'discard']);
    expect(dropped.stdout).toMatch(/1 unsent change\(s\) discarded/);
    expect(count(a, 'bookmarks')).toBe(0);
    expect(count(a, 'sync_kept')).toBe(0);
    await remote.start();
  });
});

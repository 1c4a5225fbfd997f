/** Sign-out wipe, kept changes, and a library changing hands, on a real library database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryStore } from '../library/store/library-store.js';
import { tempLibrary, type TempLibrary } from '../library/test-support/temp-library.js';
import { pendingChanges } from './outbox.js';
import { claimFor, wipeStudentData } from './student-data.js';
import { takeBatch } from './sync-run.js';
import { readSyncState } from './sync-state.js';

describe('student data on a shared machine', () => {
  let lib: TempLibrary;
  let store: LibraryStore;
  beforeEach(() => ({ store } = lib = tempLibrary('reader-student-data-')));
  afterEach(() => lib.remove());
  const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const keys = () => pendingChanges(store.db, 100).map((c) => c.entityId).sort();

  it('keep: the wipe leaves only the unsent changes (in flight ones too), set aside for that student', () => {
    claimFor(store.db, 'ada');
    store.setSetting('reader.settings', '{"fontSize":20}');
    takeBatch(store.db);
    store.setSetting('reader.settings', '{"fontSize":22}');
    store.setSetting('this.machine', 'stays');
    expect(wipeStudentData(store.db, 'ada')).toEqual({ kept: 2, discarded: 0 });
    expect(store.db.prepare('SELECT key FROM settings').all()).toEqual([{ key: 'this.machine' }]);
    for (const t of ['sync_outbox', 'annotations', 'bookmarks', 'progress', 'ask_threads']) expect([t, count(t)]).toEqual([t, 0]);
    expect(readSyncState(store.db, 'inflight')).toBeNull();
    expect(readSyncState(store.db, 'clientId')).toBeNull();
    expect(readSyncState(store.db, 'owner')).toBeNull();
    claimFor(store.db, 'grace');
    expect(keys()).toEqual([]);
    expect(count('sync_kept')).toBe(1);
  });

  it('discard drops them', () => {
    store.setSetting('reader.settings', '{}');
    expect(wipeStudentData(store.db, null)).toEqual({ kept: 0, discarded: 1 });
    expect(count('sync_kept')).toBe(0);
    expect(count('sync_outbox')).toBe(0);
  });

  it("another student signing in on a library still holding someone's data: it goes, their unsent changes wait for them", () => {
    claimFor(store.db, 'ada');
    store.setSetting('reader.settings', '{"theme":"dark"}');
    claimFor(store.db, 'grace');
    expect(count('settings')).toBe(0);
    expect(keys()).toEqual([]);
    claimFor(store.db, 'ada');
    expect(keys()).toEqual(['reader.settings']);
  });
});

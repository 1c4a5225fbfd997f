/** Only listed settings follow the student: a machine-only key stays local when written and when pulled. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncMutation, SyncRecord } from '@physical-ai-reader/protocol';
import type { LibraryStore } from '../library/store/library-store.js';
import { tempLibrary, type TempLibrary } from '../library/test-support/temp-library.js';
import { pendingChanges } from './outbox.js';
import { runSync, type SyncTransport } from './sync-run.js';

describe('synced settings allow-list', () => {
  let lib: TempLibrary;
  let store: LibraryStore;
  beforeEach(() => ({ store } = lib = tempLibrary('reader-synced-settings-')));
  afterEach(() => lib.remove());

  /** A service that records pushes and answers one pull page with `records`. */
  function service(records: SyncRecord[]) {
    const pushed: SyncMutation[] = [];
    const transport: SyncTransport = {
      push: (body) => {
        pushed.push(...body.mutations);
        return Promise.resolve({ version: 1, lastMutationId: body.mutations.length, rejected: [] });
      },
      pull: () => Promise.resolve({ records, nextCursor: 2, hasMore: false, version: 2 }),
    };
    return { transport, pushed };
  }

  it('never queues or pushes a machine-only setting', async () => {
    store.setSetting('lab.proxyUrl', 'http://proxy.lab:3128');
    store.setSetting('reader.settings', '{"fontSize":20}');
    expect(pendingChanges(store.db, 10).map((c) => c.entityId)).toEqual(['reader.settings']);
    const s = service([]);
    await runSync(store.db, s.transport);
    expect(s.pushed.map((m) => m.entityId)).toEqual(['reader.settings']);
    expect(store.getSetting('lab.proxyUrl')).toBe('http://proxy.lab:3128');
  });

  it('ignores a pulled machine-only setting (put or delete) and applies a synced one', async () => {
    store.setSetting('lab.proxyUrl', 'mine');
    store.setSetting('lab.gpu', 'keep me');
    const s = service([
      { kind: 'setting', entityId: 'lab.proxyUrl', version: 1, deleted: false, data: { value: 'from another machine' } },
      { kind: 'setting', entityId: 'lab.gpu', version: 1, deleted: true, data: null },
      { kind: 'setting', entityId: 'reader.settings', version: 2, deleted: false, data: { value: '{"fontSize":24}' } },
    ]);
    const report = await runSync(store.db, s.transport);
    expect(store.getSetting('lab.proxyUrl')).toBe('mine');
    expect(store.getSetting('lab.gpu')).toBe('keep me');
    expect(store.getSetting('reader.settings')).toBe('{"fontSize":24}');
    expect(report.pulled).toEqual({ setting: 1 });
  });
});

/** The sync lease on one data dir opened twice (as the app's engine and `reader sync` do): one sync at a time. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncMutation, SyncPushResponse } from '@physical-ai-reader/protocol';
import type { LibraryStore } from '../library/store/library-store.js';
import { tempLibrary, type TempLibrary } from '../library/test-support/temp-library.js';
import { SyncBusyError, takeLease } from './sync-lease.js';
import { runSync, type SyncTransport } from './sync-run.js';

describe('sync lease', () => {
  let lib: TempLibrary;
  let one: LibraryStore;
  let two: LibraryStore;
  beforeEach(() => {
    lib = tempLibrary('reader-lease-');
    one = lib.store;
    two = lib.openAgain();
  });
  afterEach(() => lib.remove());

  /** A service that holds each push until released, and records what it was sent. */
  function slowService() {
    const pushes: SyncMutation[][] = [];
    let release = () => {};
    const transport: SyncTransport = {
      push: (body) => {
        pushes.push(body.mutations);
        return new Promise<SyncPushResponse>((resolve) => (release = () => resolve({ version: 1, lastMutationId: body.mutations.length, rejected: [] })));
      },
      pull: () => Promise.resolve({ records: [], nextCursor: 1, hasMore: false, version: 1 }),
    };
    return { transport, pushes, release: () => release() };
  }

  it('refuses a second sync while the first runs, and pushes nothing from it', async () => {
    one.setSetting('reader.settings', '{"fontSize":20}');
    const service = slowService();
    const first = runSync(one.db, service.transport);
    await new Promise((r) => setTimeout(r, 10));
    expect(service.pushes).toHaveLength(1);
    await expect(runSync(two.db, service.transport)).rejects.toBeInstanceOf(SyncBusyError);
    expect(service.pushes).toHaveLength(1);
    service.release();
    await first;
    // Released at the end: the other process may sync now.
    await expect(runSync(two.db, service.transport)).resolves.toMatchObject({ cursor: 1 });
  });

  it('lets a crashed owner\'s lease expire, and only then', () => {
    expect(takeLease(one.db, 'crashed', 1_000, 30_000)).toBe(true);
    expect(takeLease(two.db, 'other', 20_000, 30_000)).toBe(false);
    expect(takeLease(one.db, 'crashed', 20_000, 30_000)).toBe(true);
    expect(takeLease(two.db, 'other', 50_001, 30_000)).toBe(true);
  });
});

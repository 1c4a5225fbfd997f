/** The outbox on a real library database: folding, same-transaction writes, and the batch in flight. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryStore } from '../library/store/library-store.js';
import { tempLibrary, type TempLibrary } from '../library/test-support/temp-library.js';
import { enqueue, pendingChanges } from './outbox.js';
import { pendingCount, takeBatch } from './sync-run.js';

describe('sync outbox', () => {
  let lib: TempLibrary;
  let store: LibraryStore;
  beforeEach(() => ({ store } = lib = tempLibrary('reader-outbox-')));
  afterEach(() => lib.remove());
  const changes = () => pendingChanges(store.db, 100).map(({ seq: _seq, ...c }) => c);

  it('folds later edits into one pending change per entity', () => {
    const id = '0b0e3c44-7d0f-4a8e-9f51-0d7a3e1c2b11';
    enqueue(store.db, { kind: 'annotation', entityId: id, op: 'put', data: { color: 'yellow', note: 'a' } });
    enqueue(store.db, { kind: 'annotation', entityId: id, op: 'put', data: { note: 'b' } });
    expect(changes()).toEqual([{ kind: 'annotation', entityId: id, op: 'put', data: { color: 'yellow', note: 'b' } }]);
    enqueue(store.db, { kind: 'annotation', entityId: id, op: 'delete' });
    expect(changes()).toEqual([{ kind: 'annotation', entityId: id, op: 'delete' }]);
    enqueue(store.db, { kind: 'annotation', entityId: id, op: 'put', data: { color: 'green' } });
    expect(changes()).toEqual([{ kind: 'annotation', entityId: id, op: 'put', data: { color: 'green' } }]);
  });

  it('writes the change and its outbox row together, or neither', () => {
    store.setSetting('reader.settings', '{"fontSize":20}');
    expect(changes()).toEqual([{ kind: 'setting', entityId: 'reader.settings', op: 'put', data: { value: '{"fontSize":20}' } }]);
    // No such book or chapter: the bookmark fails on its foreign key, and nothing is queued for it.
    expect(() => store.addBookmark({ bookId: 'nope', chapterId: 'nope', position: 0, anchor: null, label: 'x' })).toThrow();
    expect(changes().map((c) => c.kind)).toEqual(['setting']);
  });

  it('keeps the batch in flight (same ids, same content) until it is acknowledged; edits meanwhile queue anew', () => {
    const put = (entityId: string, value: string) => enqueue(store.db, { kind: 'setting', entityId, op: 'put', data: { value } });
    put('a', '1');
    put('b', '2');
    const first = takeBatch(store.db)!;
    expect(first.mutations.map((m) => [m.id, m.entityId])).toEqual([[1, 'a'], [2, 'b']]);
    put('a', '3');
    expect(takeBatch(store.db)).toEqual(first);
    expect(pendingCount(store.db)).toBe(3);
    expect(changes()).toEqual([{ kind: 'setting', entityId: 'a', op: 'put', data: { value: '3' } }]);
  });
});

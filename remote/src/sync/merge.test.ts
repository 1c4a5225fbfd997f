import type { SyncMutation } from '@physical-ai-reader/protocol';
import { describe, expect, it } from 'vitest';
import { applyMutation, TOMBSTONE } from './merge.js';

const put = (kind: SyncMutation['kind'], data: Record<string, unknown>): SyncMutation => ({ id: 1, kind, entityId: 'e', op: 'put', data });
const del: SyncMutation = { id: 1, kind: 'annotation', entityId: 'e', op: 'delete' };

describe('applyMutation', () => {
  it('creates a record from a put, stamping each field and counting its bytes', () => {
    const r = applyMutation(undefined, put('annotation', { note: 'hi', color: 'yellow' }), 4)!;
    expect(r).toEqual({ data: { note: 'hi', color: 'yellow' }, fieldVersions: { note: 4, color: 4 }, deleted: false, bytes: Buffer.byteLength('{"note":"hi","color":"yellow"}') });
  });

  it('merges the given fields into the record and restamps only the fields that change', () => {
    const r1 = applyMutation(undefined, put('annotation', { note: 'hi', color: 'yellow' }), 1)!;
    const r2 = applyMutation(r1, put('annotation', { color: 'green', note: 'hi' }), 2)!;
    expect(r2.data).toEqual({ note: 'hi', color: 'green' });
    expect(r2.fieldVersions).toEqual({ note: 1, color: 2 });
    expect(applyMutation(r2, put('annotation', { color: 'green' }), 3)).toBeUndefined();
  });

  it('makes a tombstone of any record, or of one never seen, and nothing changes a tombstone', () => {
    const r = applyMutation(undefined, put('annotation', { note: 'x' }), 1)!;
    expect(applyMutation(r, del, 2)).toEqual(TOMBSTONE);
    expect(applyMutation(undefined, del, 2)).toEqual(TOMBSTONE);
    expect(applyMutation(TOMBSTONE, put('annotation', { note: 'back?' }), 3)).toBeUndefined();
    expect(applyMutation(TOMBSTONE, del, 3)).toBeUndefined();
  });

  it('keeps ask messages append-only', () => {
    const m = applyMutation(undefined, put('ask_message', { question: 'q' }), 1)!;
    expect(applyMutation(m, put('ask_message', { question: 'changed', answer: 'new' }), 2)).toBeUndefined();
    expect(applyMutation(m, { ...del, kind: 'ask_message' }, 2)).toEqual(TOMBSTONE);
  });
});

import type { SyncMutation } from '@physical-ai-reader/protocol';

/** An entity's state as stored: its data, the version that last wrote each field, and whether it is deleted. */
export type StoredRecord = {
  data: Record<string, unknown>;
  fieldVersions: Record<string, number>;
  deleted: boolean;
  /** Bytes of the data's JSON, counted against the user's quota. */
  bytes: number;
};

export const TOMBSTONE: StoredRecord = { data: {}, fieldVersions: {}, deleted: true, bytes: 0 };

const jsonBytes = (data: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(data));

/**
 * The merge rules, applied in server order (the order pushes commit, then the order inside a push):
 * - put: the given fields replace the stored ones, the others stay (per-field last writer by server order wins),
 *   each written field stamped with `version`;
 * - delete: the record becomes a tombstone for good; a put on a tombstone changes nothing, whenever it arrives;
 * - ask_message: append-only, a put of an id that exists changes nothing.
 * `current` undefined: the entity was never seen. Returns the new state, or undefined when nothing changes.
 */
export function applyMutation(current: StoredRecord | undefined, m: SyncMutation, version: number): StoredRecord | undefined {
  if (current?.deleted) return undefined;
  if (m.op === 'delete') return TOMBSTONE;
  if (current && m.kind === 'ask_message') return undefined;
  const data = { ...current?.data };
  const fieldVersions = { ...current?.fieldVersions };
  let changed = current === undefined;
  for (const [field, value] of Object.entries(m.data)) {
    if (current && field in current.data && JSON.stringify(current.data[field]) === JSON.stringify(value)) continue;
    data[field] = value;
    fieldVersions[field] = version;
    changed = true;
  }
  return changed ? { data, fieldVersions, deleted: false, bytes: jsonBytes(data) } : undefined;
}

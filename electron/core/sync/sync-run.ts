/**
 * One sync run: push everything in the outbox, then pull everything after the cursor.
 *
 * Push: a batch of outbox rows gets numbered mutation ids and becomes the batch in flight, in ONE transaction
 * (the rows leave the outbox, the batch is kept in sync_state). It is sent, and only a success forgets it; after a
 * crash or a network error the same batch (same ids, same content) goes first, and the service, which keeps the
 * last id per client, skips what it already applied. Edits made meanwhile are new outbox rows. A 409
 * `mutation_gap` (the service lost this client's numbering: a restored data dir, another student's client)
 * renumbers the batch under a new client id, which nothing was applied under yet.
 *
 * Pull: pages after the cursor, each applied with the new cursor in one transaction; `resync_required` starts
 * over from cursor 0.
 */
import type Database from 'better-sqlite3';
import { SYNC_ERRORS, SYNC_LIMITS, type SyncKind, type SyncMutation, type SyncPullResponse, type SyncPushResponse, type SyncRejection } from '@physical-ai-reader/protocol';
import { randomUUID } from 'node:crypto';
import { isRemoteError } from '../account/remote-errors.js';
import { applyRecord } from './apply-records.js';
import { pendingChanges } from './outbox.js';
import { withSyncLease } from './sync-lease.js';
import { clientIdOf, deviceIdOf, readSyncState, writeSyncState } from './sync-state.js';

export interface SyncTransport {
  push(body: { clientId: string; mutations: SyncMutation[] }): Promise<SyncPushResponse>;
  pull(cursor: number): Promise<SyncPullResponse>;
}

export type KindCounts = Partial<Record<SyncKind, number>>;

export interface SyncReport {
  pushed: KindCounts;
  /** Mutations the service refused for good (malformed): they are not retried. */
  rejected: SyncRejection[];
  pulled: KindCounts;
  /** Pulled records waiting for a book this machine does not have. */
  parked: number;
  /** Progress records from other devices brought by this pull (the library may offer to continue there). */
  handoffs: number;
  cursor: number;
  requests: { push: number; pull: number };
}

interface Inflight {
  clientId: string;
  mutations: SyncMutation[];
}

const count = (counts: KindCounts, kind: SyncKind) => (counts[kind] = (counts[kind] ?? 0) + 1);

/** The batch in flight, or a new one made from the outbox (null when there is nothing to send). */
export function takeBatch(db: Database.Database, max: number = SYNC_LIMITS.pushMutations): Inflight | null {
  return db.transaction((): Inflight | null => {
    const kept = readSyncState(db, 'inflight');
    if (kept) return JSON.parse(kept) as Inflight;
    const rows = pendingChanges(db, max);
    if (rows.length === 0) return null;
    const first = Number(readSyncState(db, 'nextMutationId') ?? '1');
    const mutations = rows.map(({ seq: _seq, ...change }, i): SyncMutation => ({ ...change, id: first + i }));
    const drop = db.prepare('DELETE FROM sync_outbox WHERE seq = ?');
    for (const r of rows) drop.run(r.seq);
    const batch = { clientId: clientIdOf(db), mutations };
    writeSyncState(db, 'inflight', JSON.stringify(batch));
    writeSyncState(db, 'nextMutationId', String(first + rows.length));
    return batch;
  })();
}

/** The same changes under a fresh client id, numbered from 1. */
function renumber(db: Database.Database, batch: Inflight): Inflight {
  return db.transaction(() => {
    const clientId = randomUUID();
    const fresh = { clientId, mutations: batch.mutations.map((m, i) => ({ ...m, id: i + 1 })) };
    writeSyncState(db, 'clientId', clientId);
    writeSyncState(db, 'nextMutationId', String(fresh.mutations.length + 1));
    writeSyncState(db, 'inflight', JSON.stringify(fresh));
    return fresh;
  })();
}

/** Mutations waiting to go out: the outbox and the batch in flight. */
export function pendingCount(db: Database.Database): number {
  const inflight = readSyncState(db, 'inflight');
  const outbox = (db.prepare('SELECT COUNT(*) AS n FROM sync_outbox').get() as { n: number }).n;
  return outbox + (inflight ? (JSON.parse(inflight) as Inflight).mutations.length : 0);
}

export async function pushAll(db: Database.Database, transport: SyncTransport, report: SyncReport, onProgress?: (left: number) => void): Promise<void> {
  for (let batch = takeBatch(db); batch; batch = takeBatch(db)) {
    let result: SyncPushResponse;
    try {
      report.requests.push++;
      result = await transport.push(batch);
    } catch (err) {
      if (!isRemoteError(err) || err.details.code !== SYNC_ERRORS.mutationGap) throw err;
      batch = renumber(db, batch);
      report.requests.push++;
      result = await transport.push(batch);
    }
    writeSyncState(db, 'inflight', null);
    const refused = new Set(result.rejected.map((r) => r.index));
    batch.mutations.forEach((m, i) => refused.has(i) || count(report.pushed, m.kind));
    report.rejected.push(...result.rejected);
    onProgress?.(pendingCount(db));
  }
}

export async function pullAll(db: Database.Database, transport: SyncTransport, report: SyncReport): Promise<void> {
  const deviceId = deviceIdOf(db);
  let cursor = Number(readSyncState(db, 'cursor') ?? '0');
  let restarted = false;
  for (;;) {
    let page: SyncPullResponse;
    try {
      report.requests.pull++;
      page = await transport.pull(cursor);
    } catch (err) {
      if (restarted || !isRemoteError(err) || err.details.code !== SYNC_ERRORS.resyncRequired) throw err;
      restarted = true;
      cursor = 0;
      continue;
    }
    db.transaction(() => {
      // A page holds each entity once, in its latest state; threads go before their messages.
      for (const r of [...page.records].sort((x, y) => Number(x.kind === 'ask_message') - Number(y.kind === 'ask_message'))) {
        const outcome = applyRecord(db, r, deviceId);
        if (outcome === 'parked') report.parked++;
        else if (outcome === 'applied') count(report.pulled, r.kind);
        if (r.kind === 'progress' && !r.deleted && r.data?.deviceId !== deviceId) report.handoffs++;
      }
      writeSyncState(db, 'cursor', String(page.nextCursor));
    })();
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  report.cursor = cursor;
}

/**
 * Push, then pull, holding this data dir's sync lease (SyncBusyError, nothing sent, when another process is
 * syncing). Throws what the service or the network threw; what was done before stays done.
 */
export async function runSync(db: Database.Database, transport: SyncTransport, onProgress?: (left: number) => void): Promise<SyncReport> {
  return withSyncLease(db, async () => {
    const report: SyncReport = { pushed: {}, rejected: [], pulled: {}, parked: 0, handoffs: 0, cursor: 0, requests: { push: 0, pull: 0 } };
    await pushAll(db, transport, report, onProgress);
    await pullAll(db, transport, report);
    writeSyncState(db, 'lastSyncedAt', new Date().toISOString());
    return report;
  });
}

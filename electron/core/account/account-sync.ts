/**
 * Sync as the account runs it: the background loop with the signed-in student's transport (a fresh JWT, the
 * service of their session), the flush before sign-out, the wipe after it, and the kept changes restored when
 * the same student signs in here again.
 */
import type Database from 'better-sqlite3';
import { SYNC_LIMITS } from '@physical-ai-reader/protocol';
import type { SyncStatus } from '../contract.js';
import { claimFor, wipeStudentData } from '../sync/student-data.js';
import { SyncLoop } from '../sync/sync-loop.js';
import { withSyncLease } from '../sync/sync-lease.js';
import { pendingCount, pushAll, type SyncReport, type SyncTransport } from '../sync/sync-run.js';
import type { AccountSession } from './session.js';

export interface AccountSyncHooks {
  onStatus?(status: SyncStatus): void;
  onPulled?(report: SyncReport): void;
  intervalMs?: number;
}

export type AccountSync = ReturnType<typeof accountSync>;

export function accountSync(session: AccountSession, db: Database.Database, hooks: AccountSyncHooks = {}) {
  const transport = async (): Promise<SyncTransport | null> => {
    const secrets = await session.vault.read();
    if (!secrets) return null;
    const jwt = await session.freshJwt();
    const userId = (await session.localClaims())?.sub;
    if (userId) claimFor(db, userId);
    const client = session.client(secrets.remoteUrl);
    return { push: (body) => client.syncPush(jwt, body), pull: (cursor) => client.syncPull(jwt, cursor, SYNC_LIMITS.pullLimitMax) };
  };
  const status = (s: SyncStatus) => hooks.onStatus?.(s);
  const loop = new SyncLoop({
    db,
    transport,
    onStatus: status,
    ...(hooks.onPulled ? { onPulled: hooks.onPulled } : {}),
    ...(hooks.intervalMs ? { intervalMs: hooks.intervalMs } : {}),
  });

  return {
    loop,
    /** The signed-in student's transport, or null when nobody is signed in. */
    transport,
    /** After sign-in or sign-up: the student's kept changes go back into the outbox, and a sync starts. */
    async signedIn(): Promise<void> {
      const userId = (await session.localClaims())?.sub;
      if (userId) claimFor(db, userId);
      loop.start();
      loop.kick();
    },
    /**
     * Before sign-out: stops the loop and sends every unsent change, reporting the count left as it goes. Throws
     * (with the loop running again) when they cannot all go.
     */
    async flush(): Promise<void> {
      await loop.stop();
      try {
        const t = await transport();
        if (!t) return;
        const report: SyncReport = { pushed: {}, rejected: [], pulled: {}, parked: 0, handoffs: 0, cursor: 0, requests: { push: 0, pull: 0 } };
        status({ ...loop.status(), state: 'syncing' });
        await withSyncLease(db, () => pushAll(db, t, report, (left) => status({ ...loop.status(), state: 'syncing', pending: left })));
      } catch (err) {
        loop.start();
        throw err;
      }
    },
    pending: () => pendingCount(db),
    /** Removes the student's synced data; `keepFor` sets their unsent changes aside for their next sign-in. */
    async wipe(keepFor: string | null) {
      await loop.stop();
      const result = wipeStudentData(db, keepFor);
      status({ state: 'signed_out', lastSyncedAt: null, pending: 0, lastError: null });
      return result;
    },
  };
}

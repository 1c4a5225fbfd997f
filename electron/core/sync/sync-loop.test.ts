/**
 * The background loop against the real service: a change goes out a moment after it is made, a service that goes
 * away is retried with backoff until it is back (the reconnect), and runs never overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRemote, type TestRemote } from '../../../tests/fixtures/remote-service.js';
import type { SyncStatus } from '../contract.js';
import { SyncLoop } from './sync-loop.js';
import type { SyncTransport } from './sync-run.js';
import { labMachine, newStudent, type LabMachine } from './test-support/lab-machines.js';

describe('sync loop', () => {
  let remote: TestRemote;
  let m: LabMachine;
  beforeAll(async () => {
    remote = await startTestRemote();
    m = await labMachine();
  }, 60_000);
  afterAll(async () => {
    await m?.close();
    await remote?.destroy();
  });

  it('pushes soon after a change, backs off while the service is down, and catches up when it returns', async () => {
    const student = await newStudent(remote.url);
    const inner = student.transport(remote.url);
    let inFlight = 0;
    let overlapped = false;
    const watched = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => async (...a: A) => {
      if (++inFlight > 1) overlapped = true;
      try {
        return await fn(...a);
      } finally {
        inFlight--;
      }
    };
    const transport: SyncTransport = { push: watched(inner.push), pull: watched(inner.pull) };
    const states: SyncStatus[] = [];
    const loop = new SyncLoop({ db: m.core.store.db, transport: async () => transport, onStatus: (s) => states.push(s), debounceMs: 50, intervalMs: 60_000, backoff: { firstMs: 100, maxMs: 400 } });
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 300 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(what()).toBe(true);
    };
    loop.start();
    try {
      await until(() => loop.status().state === 'idle' && loop.status().lastSyncedAt !== null);
      await remote.stop();
      await m.core.setSettings({ fontSize: 24 });
      await until(() => loop.status().state === 'offline');
      const failuresBefore = states.filter((s) => s.state === 'offline').length;
      await until(() => states.filter((s) => s.state === 'offline').length >= failuresBefore + 2);
      expect(loop.status().pending).toBe(1);
      await remote.start();
      await until(() => loop.status().state === 'idle' && loop.status().pending === 0);
      await Promise.all([loop.syncNow(), loop.syncNow(), loop.syncNow()]);
      expect(overlapped).toBe(false);
      expect(loop.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    } finally {
      await loop.stop();
    }
  }, 60_000);
});

/**
 * Keeps the signed-in student's state in sync in the background: push then pull on start (sign-in), every
 * `intervalMs` while it works, a moment after each local change (debounced), and on demand. After a failure it
 * retries with exponential backoff and jitter (the retries are what notice the network coming back). Never two
 * runs at once: a request during a run gets one more run after it.
 */
import type Database from 'better-sqlite3';
import type { SyncStatus } from '../contract.js';
import { isRemoteError } from '../account/remote-errors.js';
import { onEnqueue } from './outbox.js';
import { pendingCount, runSync, type SyncReport, type SyncTransport } from './sync-run.js';
import { readSyncState } from './sync-state.js';

export interface SyncLoopOptions {
  db: Database.Database;
  /** The signed-in student's transport (with a fresh JWT), or null when signed out. */
  transport(): Promise<SyncTransport | null>;
  onStatus(status: SyncStatus): void;
  /** After a run that brought changes (the page reloads what it shows). */
  onPulled?(report: SyncReport): void;
  intervalMs?: number;
  debounceMs?: number;
  backoff?: { firstMs: number; maxMs: number };
}

const OFFLINE_KINDS = new Set(['offline', 'timeout', 'unavailable', 'bad_gateway', 'server', 'rate_limited']);

export class SyncLoop {
  private running: Promise<void> | null = null;
  /** The run waiting for the current one to end (requests meanwhile share it). */
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = true;
  private state: SyncStatus['state'] = 'idle';
  private lastError: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly o: SyncLoopOptions) {}

  status(): SyncStatus {
    return { state: this.state, lastSyncedAt: readSyncState(this.o.db, 'lastSyncedAt'), pending: pendingCount(this.o.db), lastError: this.lastError };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onEnqueue(this.o.db, () => {
      this.o.onStatus(this.status());
      this.schedule(this.o.debounceMs ?? 2000);
    });
    this.schedule(0);
  }

  /** A run soon (sign-in, a reconnect noticed elsewhere). */
  kick(): void {
    this.schedule(0);
  }

  /** Stops timers and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One run now (after the one in progress, if any); resolves with the status after it. */
  async syncNow(): Promise<SyncStatus> {
    await this.run();
    return this.status();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), ms);
    this.timer.unref();
  }

  private run(): Promise<void> {
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    const next: Promise<void> = previous.then(async () => {
      this.queued = null;
      this.running = next;
      try {
        await this.once();
      } finally {
        if (this.running === next) this.running = null;
      }
    });
    this.queued = next;
    return next;
  }

  private setState(state: SyncStatus['state'], error: string | null): void {
    this.state = state;
    this.lastError = error;
    this.o.onStatus(this.status());
  }

  private async once(): Promise<void> {
    // Stopped (sign-out is flushing, or the account closed): a run queued before must not push beside it.
    if (this.stopped) return;
    const transport = await this.o.transport().catch(() => null);
    if (!transport) {
      this.setState('signed_out', null);
      return;
    }
    this.setState('syncing', null);
    try {
      const report = await runSync(this.o.db, transport, () => this.o.onStatus(this.status()));
      this.failures = 0;
      this.setState('idle', null);
      if (Object.keys(report.pulled).length > 0) this.o.onPulled?.(report);
      this.schedule(this.o.intervalMs ?? 60_000);
    } catch (err) {
      this.failures++;
      const offline = isRemoteError(err) && OFFLINE_KINDS.has(err.kind);
      this.setState(offline ? 'offline' : 'error', err instanceof Error ? err.message : String(err));
      const { firstMs, maxMs } = this.o.backoff ?? { firstMs: 2000, maxMs: 5 * 60_000 };
      const ceiling = Math.min(maxMs, firstMs * 2 ** (this.failures - 1));
      this.schedule(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

/**
 * The updater's state machine, without Electron: it asks G's decision functions whether to check and what to offer,
 * drives an updater port (electron-updater in the app, a fake in tests) and tells listeners each new state. A failed
 * check is logged and leaves no notice; a failed download says so once in the notice. Nothing here opens a dialog.
 */
import { ReaderError } from '../reader-error.js';
import type { InstallKind } from './install-kind.js';
import { shouldCheck, updateOffer, type FeedState, type UpdateModeDecision } from './update-decision.js';
import type { UpdateState } from './update-state.js';

/** What the controller needs from an updater; releaseNotes in the feed state are plain text already. */
export interface UpdaterPort {
  check(): Promise<FeedState>;
  /** Resolves once the update is downloaded and verified; `onProgress` gets 0..100. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits and installs (the app restarts). */
  install(): void;
}

export interface UpdateLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface UpdateController {
  getState(): UpdateState;
  check(): Promise<void>;
  download(): Promise<void>;
  install(): void;
  on(listener: (state: UpdateState) => void): () => void;
  /** Checks after `firstDelayMs`, then every `intervalMs`; returns a function that stops it. Does nothing in `off` mode. */
  schedule(timing: { firstDelayMs: number; intervalMs: number }): () => void;
}

export const NO_FEED_MESSAGE = 'This copy was not installed from a release, so it does not check for updates.';
const OFF_MESSAGE = {
  policy: 'Your administrator has turned off update checks on this computer.',
  install: 'Updates are off for this install.',
  development: 'A development run does not check for updates.',
} as const;

export function createUpdateController(options: {
  decision: UpdateModeDecision;
  installKind: InstallKind;
  /** null when the app has no release feed configured (no app-update.yml), or need not have one (off). */
  port: UpdaterPort | null;
  log: UpdateLog;
}): UpdateController {
  const { decision, installKind, port, log } = options;
  const base = { mode: decision.mode, installKind };
  let state: UpdateState = !shouldCheck(decision.mode)
    ? { ...base, state: 'idle', message: OFF_MESSAGE[decision.reason] }
    : port
      ? { ...base, state: 'idle' }
      : { ...base, state: 'unsupported', message: NO_FEED_MESSAGE };
  const listeners = new Set<(s: UpdateState) => void>();
  const set = (next: Omit<UpdateState, 'mode' | 'installKind'>) => {
    state = { ...base, ...next };
    for (const l of listeners) l(state);
  };
  const busy = () => state.state === 'checking' || state.state === 'downloading' || state.state === 'ready';

  const controller: UpdateController = {
    getState: () => state,
    async check() {
      if (!port || !shouldCheck(decision.mode) || busy()) return;
      const before = state;
      set({ state: 'checking' });
      const feed = await port.check().catch((err: unknown): FeedState => ({ kind: 'unreachable', message: err instanceof Error ? err.message : String(err) }));
      if (feed.kind === 'unreachable') {
        log.warn('could not check for updates', { message: feed.message });
        // A notice already shown stays; the next check tries again.
        if (before.state === 'available') set(before);
        else set({ state: 'error', message: 'Could not check for updates.' });
        return;
      }
      const offer = updateOffer(decision.mode, feed);
      if (offer.kind === 'none') {
        set({ state: 'none' });
        return;
      }
      log.info('an update is available', { version: offer.version, canInstall: offer.canInstall });
      set({
        state: 'available',
        version: offer.version,
        canInstall: offer.canInstall,
        ...(offer.releaseNotes ? { releaseNotes: offer.releaseNotes } : {}),
      });
    },
    async download() {
      // A download that failed can be tried again from its notice.
      const offered = state.state === 'available' || (state.state === 'error' && state.version !== undefined);
      if (!port || !offered || !state.canInstall) {
        throw new ReaderError('conflict', offered ? 'This install cannot update itself; ask your administrator.' : 'There is no update to download.');
      }
      const { version, releaseNotes } = state;
      const keep = { version, canInstall: true, ...(releaseNotes ? { releaseNotes } : {}) };
      set({ state: 'downloading', progress: 0, ...keep });
      try {
        await port.download((percent) => {
          const progress = Math.max(0, Math.min(100, Math.round(percent)));
          if (state.state === 'downloading' && progress !== state.progress) set({ state: 'downloading', progress, ...keep });
        });
      } catch (err) {
        log.warn('the update did not download', { version, error: err instanceof Error ? err.message : String(err) });
        set({ state: 'error', message: `Version ${version ?? ''} could not be downloaded. Please try again later.`, ...keep });
        return;
      }
      set({ state: 'ready', ...keep });
    },
    install() {
      if (!port || state.state !== 'ready') throw new ReaderError('conflict', 'No update is ready to install.');
      port.install();
    },
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    schedule({ firstDelayMs, intervalMs }) {
      if (!port || !shouldCheck(decision.mode)) return () => undefined;
      const run = () => void controller.check();
      const first = setTimeout(run, firstDelayMs);
      const every = setInterval(run, intervalMs);
      // Timers never keep the app (or a test) alive.
      first.unref();
      every.unref();
      return () => {
        clearTimeout(first);
        clearInterval(every);
      };
    },
  };
  return controller;
}

/**
 * electron-updater wired to the core's update controller (electron/core/updates/), which decides whether to check
 * and what to offer. GitHub provider with the owner/repo electron-builder writes into app-update.yml at release; a
 * copy without that file (a dev run, a `--dir` build) gets no updater. Nothing downloads or installs unless the user
 * asks; failures go to the log, never to a dialog.
 */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { logger } from '../core/logging/program-log.js';
import type { UpdateMode } from '../core/policy/policy-types.js';
import { readAppUpdateConfig, type GitHubFeed } from '../core/updates/app-update-config.js';
import { installKindOf } from '../core/updates/install-kind.js';
import { releaseNotesText } from '../core/updates/release-notes-text.js';
import { createUpdateController, type UpdateController, type UpdaterPort } from '../core/updates/update-controller.js';
import { updateModeFor } from '../core/updates/update-decision.js';

const log = logger('updates');
const FIRST_CHECK_DELAY_MS = 15_000;
const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

function electronUpdaterPort(feed: GitHubFeed, mode: UpdateMode): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'github', owner: feed.owner, repo: feed.repo });
  autoUpdater.autoDownload = false;
  // Only an install the user already agreed to download, and only where the app may replace itself.
  autoUpdater.autoInstallOnAppQuit = mode === 'auto';
  autoUpdater.logger = {
    info: (m: unknown) => log.debug(String(m)),
    warn: (m: unknown) => log.warn(String(m)),
    error: (m: unknown) => log.warn(String(m)),
  };
  // Errors also reject the call that caused them (handled by the controller); without a listener they would throw.
  autoUpdater.on('error', () => undefined);
  return {
    async check() {
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) return { kind: 'current', version: app.getVersion() };
      const info = result.updateInfo;
      return { kind: 'available', version: info.version, releaseNotes: releaseNotesText(info.releaseNotes) ?? null, releaseDate: info.releaseDate };
    },
    async download(onProgress) {
      const listener = (p: { percent: number }) => onProgress(p.percent);
      autoUpdater.on('download-progress', listener);
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.removeListener('download-progress', listener);
      }
    },
    install() {
      // After the call's answer has gone back to the page.
      setImmediate(() => autoUpdater.quitAndInstall());
    },
  };
}

/** The app's update controller for the policy's mode; call `schedule` once the window shows. */
export function createAppUpdater(policyMode: UpdateMode | null): UpdateController {
  const installKind = installKindOf({
    platform: process.platform,
    packaged: app.isPackaged,
    appImage: process.env.APPIMAGE,
    exePath: app.getPath('exe'),
    localAppData: process.env.LOCALAPPDATA,
  });
  const decision = updateModeFor(policyMode, installKind);
  const config = app.isPackaged ? readAppUpdateConfig(process.resourcesPath) : null;
  if (config && 'problem' in config) log.warn('not checking for updates', { problem: config.problem });
  const feed = config && 'feed' in config ? config.feed : null;
  log.info('updates', { mode: decision.mode, reason: decision.reason, installKind, feed: feed ? `${feed.owner}/${feed.repo}` : null });
  // In off mode electron-updater is not even configured, so nothing in it can reach the network.
  const port = feed && decision.mode !== 'off' ? electronUpdaterPort(feed, decision.mode) : null;
  return createUpdateController({ decision, installKind, port, log });
}

export const scheduleUpdateChecks = (updater: UpdateController): (() => void) =>
  updater.schedule({ firstDelayMs: FIRST_CHECK_DELAY_MS, intervalMs: CHECK_INTERVAL_MS });

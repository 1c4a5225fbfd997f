/**
 * How this copy of the app was installed, which decides whether it can replace itself: an AppImage, a per-user NSIS
 * install and a macOS app can; the deb (apt owns it) and a per-machine NSIS install (standard users cannot write
 * Program Files) can only tell the user a new version exists.
 */
import { win32 } from 'node:path';
import type { InstallKind } from './update-state.js';

export type { InstallKind };

export interface InstallFacts {
  platform: NodeJS.Platform;
  /** Electron's app.isPackaged. */
  packaged: boolean;
  /** The AppImage runtime sets APPIMAGE to the image's path. */
  appImage: string | undefined;
  /** The running executable (Electron's app.getPath('exe')). */
  exePath: string;
  /** %LOCALAPPDATA%, where a per-user NSIS install lives. */
  localAppData: string | undefined;
}

/** Windows paths, compared as Windows does (case-insensitive), whatever platform runs the check. */
const insideWindowsDir = (dir: string, path: string) => {
  const rel = win32.relative(dir.toLowerCase(), path.toLowerCase());
  return rel !== '' && !rel.startsWith('..') && !win32.isAbsolute(rel);
};

export function installKindOf(facts: InstallFacts): InstallKind {
  if (!facts.packaged) return 'unpackaged';
  if (facts.platform === 'darwin') return 'mac';
  if (facts.platform === 'win32') return facts.localAppData && insideWindowsDir(facts.localAppData, facts.exePath) ? 'nsis-user' : 'nsis-machine';
  return facts.appImage ? 'appimage' : 'deb';
}

/** True for installs the app can update itself (after the user agrees). */
export const canSelfUpdate = (kind: InstallKind): boolean => kind === 'appimage' || kind === 'nsis-user' || kind === 'mac';

/**
 * Where the reader keeps and finds things when it runs outside Electron (CLI, web host, tests).
 * Data dir: explicit `--data`, else READER_DATA_DIR, else the per-user dir Electron would use as `userData`
 * (~/.config/physical-ai-reader on Linux). Packaged apps pass their own bundled-book path.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR_NAME = 'physical-ai-reader';

/** The per-user data dir for this platform, as Electron's app.getPath('userData') lays it out. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME);
}

/** READER_DATA_DIR when set, else the per-user dir. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.READER_DATA_DIR?.trim() ? resolve(env.READER_DATA_DIR.trim()) : userDataDir(env);
}

/** `--data DIR` wins over the environment and the default. */
export function resolveDataDir(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  return explicit?.trim() ? resolve(explicit.trim()) : defaultDataDir(env);
}

/** The project root: the nearest folder above this file holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot locate the project root (no package.json above electron/core)');
    dir = up;
  }
  return dir;
}

/** resources/book in the project, unless a packaged app says where it shipped the book. */
export function bundledBookDir(override?: string): string {
  return override ? resolve(override) : join(projectRoot(), 'resources', 'book');
}

/** The built renderer (electron-vite output). */
export function rendererDir(): string {
  return join(projectRoot(), 'out', 'renderer');
}

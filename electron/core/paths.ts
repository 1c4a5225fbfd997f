/**
 * Where the reader keeps and finds things when it runs outside Electron (CLI, web host, tests).
 * Data dir: explicit `--data`, else the configured one (READER_DATA_DIR, else the per-user dir Electron would use as
 * `userData`, ~/.config/physical-ai-reader on Linux; see config/desktop-config.ts). Packaged apps pass their own
 * bundled-book path.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { desktopConfig, type DesktopConfig } from './config/desktop-config.js';

/** `--data DIR` wins over the configured data dir. */
export function resolveDataDir(explicit?: string | null, config: DesktopConfig = desktopConfig()): string {
  return explicit?.trim() ? resolve(explicit.trim()) : config.dataDir;
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

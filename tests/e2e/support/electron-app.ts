/**
 * How the `electron` and `packaged` projects start the app with Playwright's _electron, and why they cannot here.
 *   electron  the development build: node_modules/electron's binary running out/main/index.js
 *   packaged  a packaged test build (`npm run dist -- --test-build --dir`), named by READER_E2E_APP: asar,
 *             process.resourcesPath and the unpacked, Electron-rebuilt native modules are what run
 * The release build cannot be driven: its --inspect fuse is off, and Playwright attaches through the inspector.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..', '..');
const { electronAddon } = createRequire(import.meta.url)(join(root, 'scripts', 'electron-abi.cjs')) as { electronAddon: string };

export type ElectronTarget = { kind: 'development'; executable: string } | { kind: 'packaged'; executable: string };

/**
 * Path of the Electron executable, or the reason there is none. Reads what electron's installer records instead
 * of `require('electron')`, which would try to download the binary.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD?)` };
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

/** Why no window can open here (Linux without X11 or Wayland), or null. CI runs the specs under xvfb-run. */
export function displayProblem(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set (run under xvfb-run)';
}

/** What a project launches, or why it cannot run on this machine. */
export function electronTarget(packaged: boolean, env: NodeJS.ProcessEnv = process.env): ElectronTarget | { skip: string } {
  if (packaged) {
    const app = env.READER_E2E_APP;
    if (!app) return { skip: 'READER_E2E_APP is not set (the path of a packaged test build’s executable)' };
    if (!existsSync(app)) return { skip: `READER_E2E_APP names ${app}, which does not exist` };
    return displayProblem(env) ? { skip: displayProblem(env)! } : { kind: 'packaged', executable: app };
  }
  const binary = electronBinary();
  if ('missing' in binary) return { skip: `Electron binary not installed: ${binary.missing}` };
  return displayProblem(env) ? { skip: displayProblem(env)! } : { kind: 'development', executable: binary.path };
}

/**
 * The app's environment: the caller's, then `extra` (a spec's service URL, keychain name...), then the temp data
 * dir. The development build gets the Electron build of better-sqlite3 (READER_SQLITE_BINDING: Playwright drops
 * NODE_OPTIONS, so nothing can be preloaded); a packaged build has its own, rebuilt while packaging.
 */
export function electronLaunchEnv(
  target: ElectronTarget,
  dataDir: string,
  extra: Record<string, string> = {},
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  delete env.READER_SQLITE_BINDING;
  // Built by the global setup (`npm start -- --prepare`); without it the app says NODE_MODULE_VERSION, by name.
  if (target.kind === 'development' && existsSync(electronAddon)) env.READER_SQLITE_BINDING = electronAddon;
  return { ...env, ...extra, READER_DATA_DIR: dataDir };
}

/** `extraArgs` come last, as the OS passes a clicked `physical-ai-reader://` link. */
export async function launchElectron(
  target: ElectronTarget,
  dataDir: string,
  extraEnv: Record<string, string> = {},
  extraArgs: string[] = [],
): Promise<ElectronApplication> {
  // Chromium refuses to run as root with its sandbox on (containers, some CI); the renderer sandbox still applies.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return _electron.launch({
    executablePath: target.executable,
    args: [...(target.kind === 'development' ? [join(root, 'out/main/index.js')] : []), ...sandbox, ...extraArgs],
    cwd: root,
    env: electronLaunchEnv(target, dataDir, extraEnv),
  });
}

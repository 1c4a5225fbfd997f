/** Launches the built app with Playwright's _electron, when this machine has the Electron binary. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..', '..');

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

/** `extraArgs` follow the entry script, as the OS passes a clicked `physical-ai-reader://` link. */
export async function launchElectron(executablePath: string, dataDir: string, extraArgs: string[] = []): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath,
    args: [join(root, 'out/main/index.js'), ...extraArgs],
    cwd: root,
    env: { ...process.env, READER_DATA_DIR: dataDir } as Record<string, string>,
  });
}

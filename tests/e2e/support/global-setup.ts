/**
 * Builds the app once per run when the build is missing or older than its sources (`npx electron-vite build`), and
 * where Electron is installed, prepares its copy of the native modules (`npm start -- --prepare`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary } from './electron-app.js';

const root = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['renderer', 'electron', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIfStale(): void {
  const outputs = OUTPUTS.map((p) => join(root, p));
  const built = outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  const sources = Math.max(...SOURCES.map((p) => join(root, p)).filter(existsSync).map(newestMtime));
  if (built >= sources) return;
  console.log('[e2e] building the app (npx electron-vite build)...');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
}

export default function globalSetup(): void {
  buildIfStale();
  if ('path' in electronBinary()) execFileSync('node', ['scripts/start.mjs', '--prepare'], { cwd: root, stdio: 'inherit' });
}

/**
 * `npm run dist`: builds the app (electron-vite), the word-vector cache, then installers with electron-builder
 * (scripts/dist-args.ts says which config and whether to publish). A Node script, not a shell line, so it runs the
 * same on Windows runners. electron-builder rebuilds better-sqlite3 in node_modules for Electron while packaging; it
 * is rebuilt for Node afterwards, whatever the outcome, so the CLI and the tests keep working.
 *   npm run dist [-- [--test-build] [--publish never|always] [electron-builder args...]]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../electron/core/paths.js';
import { electronBuilderArgs, parseDistArgs } from './dist-args.js';

const root = projectRoot();

function run(what: string, command: string, args: string[], options: { shell?: boolean } = {}): number {
  console.log(`[dist] ${what}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: options.shell ?? false });
  if (result.error) console.error(`[dist] ${what} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

function main(): number {
  const options = parseDistArgs(process.argv.slice(2));
  const builderArgs = electronBuilderArgs(options, process.env);
  const node = process.execPath;
  if (run('electron-vite build', node, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']) !== 0) return 1;
  if (run('word-vector cache', node, ['--import', 'tsx', join(root, 'scripts/build-word-vectors.ts')]) !== 0) return 1;
  const status = run(`electron-builder ${builderArgs.join(' ')}`, node, [join(root, 'node_modules/electron-builder/cli.js'), ...builderArgs]);
  // npm_execpath is npm's own script when run through npm; otherwise npm from PATH (npm.cmd on Windows: a shell).
  const npmCli = process.env.npm_execpath;
  const restored = npmCli
    ? run('rebuilding better-sqlite3 for Node', node, [npmCli, 'rebuild', 'better-sqlite3'])
    : run('rebuilding better-sqlite3 for Node', 'npm', ['rebuild', 'better-sqlite3'], { shell: process.platform === 'win32' });
  return status !== 0 ? status : restored;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`[dist] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}

// `npm start`: build the app with electron-vite, then run it in Electron; where Electron cannot run (no binary, no
// display), serve the same reader over the loopback web host and print the address to open.
//
// Native modules: better-sqlite3 in node_modules stays built for Node, which the CLI, the web host and the tests
// use. For Electron a second copy is built for Electron's ABI under node_modules/.cache/electron-abi
// (scripts/electron-abi.cjs), and Electron is started with READER_SQLITE_BINDING naming it, which the engine's
// every SQLite open uses (electron/core/sqlite/open-database.ts). Nothing is rebuilt in place, so `npm start`,
// `npm test` and the CLI never break each other.
//
// Options: --web (skip Electron), --prepare (only build the Electron copy of the native module, then exit),
// --data DIR and --port N (passed to the web host; for Electron use READER_DATA_DIR).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const say = (line) => console.log(`[start] ${line}`);
const { electronAddon } = createRequire(import.meta.url)(join(root, 'scripts', 'electron-abi.cjs'));

const { values: opts } = parseArgs({
  options: {
    web: { type: 'boolean', default: false },
    prepare: { type: 'boolean', default: false },
    data: { type: 'string' },
    port: { type: 'string' },
  },
});

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  return result.status ?? 1;
}

/** The Electron executable, or null with the reason it cannot be used here. */
function findElectron() {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { exe: null, why: 'the electron package is not installed' };
  const pathFile = join(pkgDir, 'path.txt');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const exe = existsSync(pathFile) ? join(distDir, readFileSync(pathFile, 'utf8').trim()) : null;
  if (!exe || !existsSync(exe)) {
    return { exe: null, why: 'the Electron binary was not downloaded (node_modules/electron/dist is missing)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { exe: null, why: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { exe, why: null };
}

/** Builds better-sqlite3 for Electron's ABI into the cache once per (Electron, better-sqlite3) version pair. */
async function prepareElectronNative() {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  // electronAddon = <cacheRoot>/node_modules/better-sqlite3/build/Release/better_sqlite3.node
  const cacheRoot = join(dirname(electronAddon), '..', '..', '..', '..');
  if (basename(cacheRoot) !== 'electron-abi') throw new Error(`unexpected native cache location ${cacheRoot}`);
  const stampFile = join(cacheRoot, 'stamp.json');
  const stamp = JSON.stringify({ electronVersion, sqliteVersion });
  if (existsSync(electronAddon) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once; the Node build stays as it is)`);
  rmSync(cacheRoot, { recursive: true, force: true });
  mkdirSync(join(cacheRoot, 'node_modules'), { recursive: true });
  writeFileSync(
    join(cacheRoot, 'package.json'),
    JSON.stringify({ name: 'electron-abi-cache', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
  );
  cpSync(sqliteDir, join(cacheRoot, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.startsWith(join(sqliteDir, 'build')),
  });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: cacheRoot, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  if (!existsSync(electronAddon)) throw new Error(`the rebuild finished but ${electronAddon} is missing`);
  writeFileSync(stampFile, stamp);
}

function forwardSignals(child) {
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  // Ctrl+C in a terminal already reaches the child (same process group); forward it only when there is no terminal.
  process.on('SIGINT', () => {
    if (!process.stdout.isTTY) child.kill('SIGINT');
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startElectron(exe) {
  const args = ['.'];
  // Chromium refuses to run as root with its sandbox on; the renderer sandbox (webPreferences) still applies.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  say(`launching Electron: ${exe}`);
  forwardSignals(spawn(exe, args, { cwd: root, stdio: 'inherit', env: { ...process.env, READER_SQLITE_BINDING: electronAddon } }));
}

function startWebHost() {
  const args = [join(root, 'electron', 'core', 'web-host', 'serve.ts')];
  if (opts.data) args.push('--data', opts.data);
  if (opts.port) args.push('--port', opts.port);
  say('starting the web host; open the address it prints in a browser');
  forwardSignals(spawn(bin('tsx'), args, { cwd: root, stdio: 'inherit', env: process.env, shell: process.platform === 'win32' }));
}

async function main() {
  if (opts.prepare) {
    await prepareElectronNative();
    say('native modules are ready for Electron');
    return;
  }
  say('building with electron-vite');
  const status = run(bin('electron-vite'), ['build']);
  if (status !== 0) process.exit(status);

  const { exe, why } = opts.web ? { exe: null, why: '--web was given' } : findElectron();
  if (!exe) {
    say(`not starting Electron: ${why}. Serving the reader over the web host instead.`);
    return startWebHost();
  }
  try {
    await prepareElectronNative();
  } catch (err) {
    say(`could not build better-sqlite3 for Electron (${err instanceof Error ? err.message : String(err)}).`);
    say('Serving the reader over the web host instead.');
    return startWebHost();
  }
  startElectron(exe);
}

main().catch((err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

/**
 * Makes sure this machine has LanceDB's native package for its own platform, then proves it loads and answers.
 *
 * LanceDB ships its binding as one optional npm package per platform. package-lock.json can only list the ones the
 * registry here serves (linux-x64), so `npm install` on a macOS or Windows runner finds no binding in the lock and
 * the app's search would be dead. The workflows run this on every runner after `npm install`; it installs the
 * runner's package (same version as @lancedb/lancedb) without touching package.json or the lock.
 *   tsx scripts/lancedb-platform.ts          install if missing, then check
 *   tsx scripts/lancedb-platform.ts --check  only check
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../electron/core/paths.js';

/** Where glibc, MSVC or neither is part of the package name (the musl builds are not used: no runner is musl). */
const ABI_SUFFIX: Partial<Record<NodeJS.Platform, string>> = { linux: '-gnu', win32: '-msvc' };

/** The binding package for a platform and arch among LanceDB's optional dependencies; throws when it ships none. */
export function lancedbPlatformPackage(
  platform: NodeJS.Platform,
  arch: string,
  optionalDependencies: Record<string, string>,
): { name: string; version: string } {
  const name = `@lancedb/lancedb-${platform}-${arch}${ABI_SUFFIX[platform] ?? ''}`;
  const version = optionalDependencies[name];
  if (!version) {
    const shipped = Object.keys(optionalDependencies).filter((n) => n.startsWith('@lancedb/lancedb-')).map((n) => n.slice('@lancedb/lancedb-'.length));
    throw new Error(`LanceDB ships no native package for ${platform}-${arch} (it ships: ${shipped.join(', ')})`);
  }
  return { name, version };
}

/** Opens a table in a temp dir and reads a row back through the native binding. */
async function proveItWorks(): Promise<void> {
  const lancedb = await import('@lancedb/lancedb');
  const dir = mkdtempSync(join(tmpdir(), 'lancedb-check-'));
  try {
    const db = await lancedb.connect(dir);
    const table = await db.createTable('check', [{ id: 1, text: 'fuses and releases' }]);
    const rows = await table.query().toArray();
    if (rows.length !== 1) throw new Error(`expected 1 row back, got ${rows.length}`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = projectRoot();
  const lancedbPkg = JSON.parse(readFileSync(join(root, 'node_modules/@lancedb/lancedb/package.json'), 'utf8')) as {
    version: string;
    optionalDependencies: Record<string, string>;
  };
  const { name, version } = lancedbPlatformPackage(process.platform, process.arch, lancedbPkg.optionalDependencies);
  const installed = existsSync(join(root, 'node_modules', name, 'package.json'));
  if (!installed && process.argv.includes('--check')) throw new Error(`${name} is not installed`);
  if (!installed) {
    console.log(`[lancedb] installing ${name}@${version}`);
    const npm = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `${name}@${version}`], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (npm.status !== 0) throw new Error(`npm install ${name}@${version} failed`);
  }
  await proveItWorks();
  console.log(`[lancedb] ${name}@${version} loads and answers`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(`[lancedb] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const hookPath = join(import.meta.dirname, '..', '..', 'scripts', 'electron-abi-hook.cjs');
const { electronAddon, redirectAddon } = require(hookPath) as {
  electronAddon: string;
  redirectAddon(resolved: string, addon: string): string;
};

describe('electron-abi-hook', () => {
  it('sends the Node build of better-sqlite3 to the Electron build, and nothing else', () => {
    const root = join('/', 'proj');
    const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(redirectAddon(nodeBuild, electronAddon)).toBe(electronAddon);
    const keytar = join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node');
    expect(redirectAddon(keytar, electronAddon)).toBe(keytar);
    expect(redirectAddon(electronAddon, electronAddon)).toBe(electronAddon);
    expect(electronAddon).toContain(join('node_modules', '.cache', 'electron-abi'));
  });
  it('leaves plain Node alone: better-sqlite3 still loads its Node build with the hook preloaded', () => {
    const code = "const D=require('better-sqlite3'); console.log(new D(':memory:').prepare('select 41+1 as v').get().v)";
    const run = spawnSync(process.execPath, ['--require', hookPath, '-e', code], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('42');
  });
});

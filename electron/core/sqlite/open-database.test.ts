import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import { openDatabase } from './open-database.js';

const nodeAddon = join(projectRoot(), 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'open-database-'));
  dirs.push(dir);
  return join(dir, 'x.sqlite');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('loads the addon the configuration names', () => {
    const db = openDatabase(tempDb(), { sqliteBinding: nodeAddon });
    expect(db.prepare('select 6 * 7 as v').get()).toEqual({ v: 42 });
    db.close();
  });

  it('really uses the configured addon: one that is not an addon fails to open, naming it', () => {
    const notAnAddon = join(projectRoot(), 'package.json');
    expect(() => openDatabase(tempDb(), { sqliteBinding: notAnAddon })).toThrow(/package\.json|invalid ELF|not a valid/i);
  });

  it('finds better-sqlite3’s own build when none is configured', () => {
    const db = openDatabase(tempDb(), { sqliteBinding: undefined });
    expect(db.prepare('select 1 as v').get()).toEqual({ v: 1 });
    db.close();
  });
});

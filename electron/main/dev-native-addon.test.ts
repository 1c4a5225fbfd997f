import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronAbiAddonPath, redirectAddon } from './dev-native-addon';

describe('redirectAddon', () => {
  const root = join('/', 'proj');
  const electronBuild = electronAbiAddonPath(root);
  it('sends the Node build of better-sqlite3 to the Electron build', () => {
    const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(redirectAddon(nodeBuild, electronBuild)).toBe(electronBuild);
  });
  it('leaves every other module, and the Electron build itself, alone', () => {
    const other = join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node');
    expect(redirectAddon(other, electronBuild)).toBe(other);
    expect(redirectAddon(electronBuild, electronBuild)).toBe(electronBuild);
    expect(redirectAddon('node:fs', electronBuild)).toBe('node:fs');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../electron/core/paths.js';
import { lancedbPlatformPackage } from './lancedb-platform.js';

// LanceDB's own list, as installed: the names must match what its loader requires on each release runner.
const { version, optionalDependencies } = JSON.parse(readFileSync(join(projectRoot(), 'node_modules/@lancedb/lancedb/package.json'), 'utf8')) as {
  version: string;
  optionalDependencies: Record<string, string>;
};

describe('LanceDB’s native package for each runner', () => {
  it.each([
    ['linux', 'x64', '@lancedb/lancedb-linux-x64-gnu'],
    ['win32', 'x64', '@lancedb/lancedb-win32-x64-msvc'],
    ['darwin', 'arm64', '@lancedb/lancedb-darwin-arm64'],
  ] as const)('%s-%s: %s at the version of @lancedb/lancedb', (platform, arch, name) => {
    expect(lancedbPlatformPackage(platform, arch, optionalDependencies)).toEqual({ name, version });
  });
  it('says LanceDB ships nothing for Intel Macs', () => {
    expect(() => lancedbPlatformPackage('darwin', 'x64', optionalDependencies)).toThrow(/ships no native package for darwin-x64 \(it ships: .*darwin-arm64/);
  });
});

// The packaging config is checked against electron-builder's own schema, and for the settings the app relies on at
// run time (native modules outside asar, the bundled book where app-paths.ts looks for it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME } from '../../electron/core/hosting/deep-link.js';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { warn(m: string): void; add(k: string, v: unknown): void }): Promise<void>;
};

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  protocols: { name: string; schemes: string[] }[];
}
const config = load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('matches the electron-builder schema', async () => {
    await expect(validateConfiguration(config, { warn() {}, add() {} })).resolves.toBeUndefined();
  });
  it('keeps native modules out of asar, rebuilds them for Electron, and ships the bundled book and word vectors as resources', () => {
    for (const mod of ['better-sqlite3', 'keytar', '@lancedb']) {
      expect(config.asarUnpack.some((p) => p.startsWith(`node_modules/${mod}/`))).toBe(true);
    }
    expect(config.extraResources).toContainEqual({ from: 'resources/book', to: 'book' });
    // app-paths.ts looks for the prebuilt word-vector cache here; the app ships no package to rebuild it from.
    expect(config.extraResources).toContainEqual({ from: 'resources/word-vectors', to: 'word-vectors' });
    expect(config.files).toContain('out/**');
    // The native modules are built for Node in development; the app needs them built for Electron.
    expect(config.npmRebuild).toBe(true);
  });
  it('declares the physical-ai-reader:// link scheme the app registers at run time', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME]);
  });
});

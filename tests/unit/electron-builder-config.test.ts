// The packaging config is checked against electron-builder's own schema, and for the settings the app relies on at
// run time (native modules outside asar, the bundled book where app-paths.ts looks for it), the hardened fuses,
// the test build that differs from it by one fuse, and what the review of the Electron side asked for.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME } from '../../electron/core/hosting/deep-link.js';

const require = createRequire(import.meta.url);
const { validateConfiguration, getConfig } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { warn(m: string): void; add(k: string, v: unknown): void }): Promise<void>;
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
};
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
  default: { prototype: { getDefaultDepends(target: string): string[] } };
};

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  protocols: { name: string; schemes: string[] }[];
  electronFuses: Record<string, boolean>;
  publish?: unknown;
  linux: { target: string[] };
  deb: { depends: string[] };
  nsis: { perMachine: boolean };
  appId: string;
  productName: string;
  executableName?: string;
  artifactName?: string;
  extraMetadata?: { name?: string };
}
const config = load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const root = process.cwd();

/** The hardening issue 14 asks for, fuse by fuse. */
const HARDENED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
  resetAdHocDarwinSignature: true,
};

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
  it('flips the hardened fuses', () => {
    expect(config.electronFuses).toEqual(HARDENED_FUSES);
  });
  it('carries no publish settings: a local or --dir build needs no GitHub owner, repo or token (scripts/dist-args.ts adds them)', () => {
    expect(config.publish).toBeUndefined();
    expect(readFileSync('electron-builder.yml', 'utf8')).not.toMatch(/\$\{env\./);
  });
  it('makes the deb first, keeps electron-builder’s default deb dependencies and adds its own', () => {
    expect(config.linux.target[0]).toBe('deb');
    const defaults = FpmTarget.prototype.getDefaultDepends.call({}, 'deb');
    expect(defaults).toContain('xdg-utils');
    expect(config.deb.depends).toEqual(expect.arrayContaining(defaults));
    expect(config.deb.depends).toContain('libasound2 | libasound2t64');
  });
  it('installs per user by default', () => {
    expect(config.nsis.perMachine).toBe(false);
  });
  it('declares the physical-ai-reader:// link scheme the app registers at run time', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME]);
  });
});

describe('electron-builder.test.yml', () => {
  it('is the same build with only the --inspect fuse on, under names of its own', async () => {
    const release = await getConfig(root, 'electron-builder.yml', null);
    const test = await getConfig(root, 'electron-builder.test.yml', null);
    await expect(validateConfiguration(test, { warn() {}, add() {} })).resolves.toBeUndefined();
    expect(test.electronFuses).toEqual({ ...HARDENED_FUSES, enableNodeCliInspectArguments: true });
    const named = ['appId', 'productName', 'executableName', 'artifactName', 'extraMetadata', 'electronFuses', 'extends'] as const;
    const strip = (c: BuilderConfig) => Object.fromEntries(Object.entries(c).filter(([k]) => !(named as readonly string[]).includes(k)));
    expect(strip(test)).toEqual(strip(release));
    expect(test.appId).not.toBe(release.appId);
    expect(test.productName).toMatch(/Test Build/);
    expect(test.executableName).toMatch(/test-build/);
    expect(test.artifactName).toMatch(/test-build/);
    expect(test.extraMetadata?.name).toMatch(/test-build/);
  });
});


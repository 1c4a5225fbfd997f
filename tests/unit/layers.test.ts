/**
 * The lint rule set (eslint.config.js) catches what it is there to catch: each test plants a violation in the text
 * of a real file of one layer, lints it through ESLint's Node API, and expects the rule to fire, and the allowed
 * spelling (a type-only import, an awaited promise) to pass. Real file paths keep the type-aware rules and the
 * cycle check working without writing files.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  // With CI=true typescript-eslint assumes a one-shot CLI run and types every file from disk, not the planted text
  // given to lintText; this test lints texts that are not on disk, so it says it is no single run.
  process.env.TSESTREE_SINGLE_RUN = 'false';
  eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });
});

/** The rule ids that fire on `code` linted as the file `file` (repo-relative). */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return messages.map((m) => m.ruleId ?? '');
}

describe('layer rules', () => {
  it('core never imports electron', async () => {
    expect(await rulesFor('electron/core/paths.ts', "import { app } from 'electron';\nexport const name = app.name;\n")).toEqual(['local/layers']);
    expect(await rulesFor('electron/core/paths.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual(['local/layers']);
  });

  it('core never imports the Electron host or the page', async () => {
    expect(await rulesFor('electron/core/paths.ts', "export { METHOD_CHANNEL_PREFIX } from '../main/ipc-channels.js';\n")).toEqual(['local/layers']);
    expect(await rulesFor('electron/core/paths.ts', "import { reader } from '../../renderer/src/reader.js';\nexport const r = reader;\n")).toEqual(['local/layers']);
  });

  it('the renderer imports core only as types, and no Node builtins or electron', async () => {
    const runtime = "import { methodNames } from '../../electron/core/contract.js';\nexport const m = methodNames;\n";
    expect(await rulesFor('renderer/src/reader-error.ts', runtime)).toEqual(['local/layers']);
    const typeOnly = "import type { ReaderApi } from '../../electron/core/contract.js';\nexport type R = ReaderApi;\n";
    expect(await rulesFor('renderer/src/reader-error.ts', typeOnly)).toEqual([]);
    // The one exception: the core's dependency-free error class, so core and page throw the same one.
    const errorClass = "import { ReaderError } from '../../electron/core/reader-error.js';\nexport const E = ReaderError;\n";
    expect(await rulesFor('renderer/src/reader-error.ts', errorClass)).toEqual([]);
    // And its dependency-free deep-link check, so every door checks a link the same way.
    const deepLink = "import { parseDeepLink } from '../../electron/core/hosting/deep-link.js';\nexport const p = parseDeepLink;\n";
    expect(await rulesFor('renderer/src/reader-error.ts', deepLink)).toEqual([]);
    expect(await rulesFor('renderer/src/reader-error.ts', "import { failure } from '../../electron/core/hosting/envelope.js';\nexport const f = failure;\n")).toEqual(['local/layers']);
    expect(await rulesFor('renderer/src/reader-error.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toEqual(['local/layers']);
    expect(await rulesFor('renderer/src/reader-error.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toEqual(['local/layers']);
  });

  it('remote never imports the desktop; it shares only the protocol package', async () => {
    expect(await rulesFor('remote/src/config.ts', "import { methodNames } from '../../electron/core/contract.js';\nexport const m = methodNames;\n")).toEqual(['local/layers']);
    expect(await rulesFor('remote/src/config.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual(['local/layers']);
    expect(await rulesFor('remote/src/config.ts', "import { z } from 'zod';\nimport * as protocol from '@physical-ai-reader/protocol';\nexport const p = [z, protocol];\n")).toEqual([]);
  });

  it('protocol imports nothing but zod', async () => {
    expect(await rulesFor('protocol/src/errors.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
    expect(await rulesFor('protocol/src/errors.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual(['local/layers']);
  });

  it('preload imports electron, the IPC channel names, and the contract only as types', async () => {
    const ok = "import type { ReaderApi } from '../core/contract.js';\nimport { EVENT_CHANNEL } from '../main/ipc-channels.js';\nimport { ipcRenderer } from 'electron';\nexport const x: [ReaderApi | null, string, unknown] = [null, EVENT_CHANNEL, ipcRenderer];\n";
    expect(await rulesFor('electron/preload/index.ts', ok)).toEqual([]);
    expect(await rulesFor('electron/preload/index.ts', "import { methodNames } from '../core/contract.js';\nexport const m = methodNames;\n")).toEqual(['local/layers']);
    expect(await rulesFor('electron/preload/index.ts', "import { z } from 'zod';\nexport const s = z;\n")).toEqual(['local/layers']);
  });
});

describe('other rules', () => {
  it('an import cycle', async () => {
    // electron/core/cli.ts imports ./paths.js; paths importing cli closes the loop.
    expect(await rulesFor('electron/core/paths.ts', "import './cli.js';\n")).toContain('import-x/no-cycle');
  });

  it('a floating promise, and the awaited or voided one', async () => {
    const head = 'async function load(): Promise<number> {\n  return 1;\n}\n';
    expect(await rulesFor('electron/core/paths.ts', `${head}load();\n`)).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(await rulesFor('electron/core/paths.ts', `${head}await load();\nvoid load().catch(() => {});\n`)).toEqual([]);
  });

  it('relative imports end in .js; imports used only as types are `import type`', async () => {
    expect(await rulesFor('electron/core/cli.ts', "export { userDataDir } from './paths';\n")).toEqual(['local/relative-import-extension']);
    expect(await rulesFor('electron/core/cli.ts', "import { ReaderApi } from './contract.js';\nexport type R = ReaderApi;\n")).toEqual([
      '@typescript-eslint/consistent-type-imports',
    ]);
  });
});

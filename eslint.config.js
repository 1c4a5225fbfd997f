// @ts-check
/**
 * Lint: the layer rules of design.md ("The house"), no import cycles, promises that are awaited or deliberately
 * let go, type-only imports spelled `import type`, no unused variables, and one spelling of relative imports
 * (`./x.js`). Type-aware rules read the two tsconfigs (Node side and page side). Run by `npm run lint` and
 * scripts/test.sh; tests/unit/layers.test.ts plants a violation of each rule and expects it to fire.
 */
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import local from './scripts/eslint/local-rules.js';

/** @param {string} layer @param {{match: string, allow: 'all' | 'types' | 'none'}[]} rules @param {'all' | 'none'} [otherwise] */
const layer = (layer, rules, otherwise = 'all') => ({ 'local/layers': ['error', { layer, rules, otherwise }] });
const none = (match) => ({ match, allow: /** @type {const} */ ('none') });
const types = (match) => ({ match, allow: /** @type {const} */ ('types') });
const all = (match) => ({ match, allow: /** @type {const} */ ('all') });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'resources/**', 'node_modules/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: ['./tsconfig.json', './tsconfig.web.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX, local },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['./tsconfig.json', './tsconfig.web.json'], noWarnOnMultipleProjects: true })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Promises passed where a void callback is expected. JSX attributes are left out: the async onSubmit handlers
      // each catch their own errors and React ignores what a handler returns.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // `typeof import('./x.js')` stays allowed: it names the type of a module loaded lazily or through a loader.
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'local/relative-import-extension': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    plugins: { local },
    rules: { 'local/relative-import-extension': 'error' },
  },
  // The layers. A rule's `match` is a repo folder ('x/'), a module path or a package name; the first match decides.
  {
    files: ['electron/core/**'],
    rules: layer('electron/core', [none('electron'), none('electron/main/'), none('electron/preload/'), none('renderer/'), none('remote/')]),
  },
  {
    files: ['electron/main/**'],
    rules: layer('electron/main', [none('renderer/'), none('remote/')]),
  },
  {
    // The IPC round trip test checks that the page's error class rebuilds errors that crossed the Electron host.
    files: ['electron/main/**/*.test.ts'],
    rules: layer('electron/main tests', [all('renderer/src/reader-error'), none('renderer/'), none('remote/')]),
  },
  {
    files: ['electron/preload/**'],
    rules: layer(
      'electron/preload',
      [all('electron'), types('electron/core/contract'), types('electron/core/hosting/envelope'), all('electron/main/ipc-channels')],
      'none',
    ),
  },
  {
    files: ['renderer/**'],
    // Runtime imports from the core: only its dependency-free error class and deep-link check, so core and page share one.
    rules: layer('renderer', [none('electron'), none('<node>'), all('electron/core/reader-error'), all('electron/core/hosting/deep-link'), types('electron/core/'), none('electron/'), none('remote/'), none('protocol/')]),
  },
  {
    files: ['remote/**'],
    rules: layer('remote', [none('electron'), none('electron/'), none('renderer/'), none('protocol/')]),
  },
  {
    files: ['protocol/**'],
    rules: layer('protocol', [all('zod'), all('protocol/')], 'none'),
  },
);

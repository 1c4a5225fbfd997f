/**
 * Build of the three Electron parts: main (Node, ESM), preload (sandboxed, one self-contained CJS file) and the
 * React renderer. Runtime dependencies stay external in main (native modules must load from node_modules, unpacked
 * from asar); the preload bundles everything because a sandboxed preload can only `require('electron')`.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { tsImport } from 'tsx/esm/api';

const root = import.meta.dirname;
// Loaded through tsx, not imported: electron-vite leaves the config's package imports to Node, which cannot load
// the protocol package's TypeScript sources that the contract imports.
const { eventNames, methodNames } = (await tsImport('./electron/core/contract.ts', import.meta.url)) as typeof import('./electron/core/contract.js');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // package.json "dependencies" are external by default; the native ones are listed so they stay external even
      // if someone moves them to devDependencies.
      externalizeDeps: { include: ['better-sqlite3', 'keytar', '@lancedb/lancedb'] },
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The reader core runs in a utilityProcess started from this file (electron/main/engine-utility-process.ts).
          'engine-process': resolve(root, 'electron/core/engine/engine-process.ts'),
          // The search indexer runs in a worker thread started from `new URL('./index-worker.js', import.meta.url)`.
          'index-worker': resolve(root, 'electron/core/search/index-worker.ts'),
          // Book import plans and renders in worker threads started from `new URL('./import-worker.js', ...)`.
          'import-worker': resolve(root, 'electron/core/library/import-worker.ts'),
        },
        // Shared chunks sit beside the entries, so that relative worker URL resolves from whichever chunk holds it.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    // Method and event names are baked in at build time: the preload needs neither zod nor the contract at run time.
    define: {
      __READER_METHOD_NAMES__: JSON.stringify(methodNames),
      __READER_EVENT_NAMES__: JSON.stringify(eventNames),
    },
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});

/**
 * Where the Electron host finds its files. The built main process lives in out/main (inside app.asar when
 * packaged), next to out/preload and out/renderer. The bundled book, word vectors and icon ship beside the asar as
 * extra resources; in development they are read from the project's resources/ folder. The data dir is the same one
 * the CLI and the web host use (electron/core/paths.ts), so all hosts share one library.
 */
import { join } from 'node:path';
import type { DesktopConfig } from '../core/config/desktop-config.js';
import { bundledBookDir, projectRoot } from '../core/paths.js';

export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  /** The built engine (electron/core/engine/engine-process.ts), run as a utilityProcess. */
  engineEntry: string;
  bundledBookDir: string;
  /** The word-vector cache `npm run build:vectors` makes for packaging (absent in development unless built). */
  wordVectorsDir: string;
  icon: string;
  /** Per-user data: READER_DATA_DIR when set (tests, lab images), else the per-user reader dir. */
  dataDir: string;
  windowStateFile: string;
}

export function appPaths(options: {
  mainDir: string;
  packaged: boolean;
  resourcesPath: string;
  config: Pick<DesktopConfig, 'dataDir'>;
}): AppPaths {
  const { mainDir, packaged, resourcesPath, config } = options;
  const resources = packaged ? resourcesPath : join(projectRoot(), 'resources');
  const dataDir = config.dataDir;
  return {
    rendererDir: join(mainDir, '..', 'renderer'),
    preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
    engineEntry: join(mainDir, 'engine-process.js'),
    bundledBookDir: packaged ? bundledBookDir(join(resources, 'book')) : bundledBookDir(),
    wordVectorsDir: join(resources, 'word-vectors'),
    icon: join(resources, 'icons', 'icon.png'),
    dataDir,
    windowStateFile: join(dataDir, 'window-state.json'),
  };
}

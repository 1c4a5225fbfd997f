/**
 * Where the Electron host finds its files. The built main process lives in out/main (inside app.asar when
 * packaged), next to out/preload and out/renderer; the bundled book is shipped beside the asar as an extra
 * resource, and read from the project's resources/ folder in development.
 */
import { join } from 'node:path';

export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  bundledBookDir: string;
  icon: string;
  /** Per-user data: READER_DATA_DIR when set (tests, lab images), else Electron's userData. */
  dataDir: string;
  windowStateFile: string;
}

export function appPaths(options: {
  mainDir: string;
  packaged: boolean;
  resourcesPath: string;
  userData: string;
  env: NodeJS.ProcessEnv;
}): AppPaths {
  const { mainDir, packaged, resourcesPath, userData, env } = options;
  const resources = packaged ? resourcesPath : join(mainDir, '..', '..', 'resources');
  const dataDir = env.READER_DATA_DIR?.trim() || userData;
  return {
    rendererDir: join(mainDir, '..', 'renderer'),
    preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
    bundledBookDir: join(resources, 'book'),
    icon: join(resources, 'icons', 'icon.png'),
    dataDir,
    windowStateFile: join(dataDir, 'window-state.json'),
  };
}

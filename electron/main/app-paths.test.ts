import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesktopConfig, userDataDir } from '../core/config/desktop-config.js';
import { projectRoot } from '../core/paths.js';
import { appPaths } from './app-paths.js';

describe('appPaths', () => {
  it('in development reads the bundled book from the project and the built parts from out/', () => {
    const mainDir = join(projectRoot(), 'out', 'main');
    const env = { HOME: '/home/u', XDG_CONFIG_HOME: '/home/u/.config' };
    const p = appPaths({ mainDir, packaged: false, resourcesPath: '/unused', config: loadDesktopConfig(env, 'linux') });
    expect(p.rendererDir).toBe(join(projectRoot(), 'out', 'renderer'));
    expect(p.preloadPath).toBe(join(projectRoot(), 'out', 'preload', 'index.cjs'));
    expect(p.engineEntry).toBe(join(projectRoot(), 'out', 'main', 'engine-process.js'));
    expect(p.bundledBookDir).toBe(join(projectRoot(), 'resources', 'book'));
    expect(p.icon).toBe(join(projectRoot(), 'resources', 'icons', 'icon.png'));
    expect(p.wordVectorsDir).toBe(join(projectRoot(), 'resources', 'word-vectors'));
    // The same per-user dir the CLI and web host use, not Electron's productName-based one.
    expect(p.dataDir).toBe(userDataDir(env, 'linux'));
    expect(p.windowStateFile).toBe(join('/home/u/.config/physical-ai-reader', 'window-state.json'));
  });
  it('packaged, reads the bundled book from the resources folder; READER_DATA_DIR wins', () => {
    const asar = join('/opt/app/resources', 'app.asar');
    const p = appPaths({
      mainDir: join(asar, 'out', 'main'),
      packaged: true,
      resourcesPath: '/opt/app/resources',
      config: loadDesktopConfig({ READER_DATA_DIR: '/tmp/data-1' }),
    });
    expect(p.bundledBookDir).toBe(join('/opt/app/resources', 'book'));
    expect(p.icon).toBe(join('/opt/app/resources', 'icons', 'icon.png'));
    expect(p.wordVectorsDir).toBe(join('/opt/app/resources', 'word-vectors'));
    expect(p.rendererDir).toBe(join(asar, 'out', 'renderer'));
    expect(p.dataDir).toBe('/tmp/data-1');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from './app-paths';

const project = join('/', 'proj');
const mainDir = join(project, 'out', 'main');

describe('appPaths', () => {
  it('in development reads the bundled book from the project and the built parts from out/', () => {
    const p = appPaths({ mainDir, packaged: false, resourcesPath: '/x', userData: '/home/u/.config/r', env: {} });
    expect(p.rendererDir).toBe(join(project, 'out', 'renderer'));
    expect(p.preloadPath).toBe(join(project, 'out', 'preload', 'index.cjs'));
    expect(p.bundledBookDir).toBe(join(project, 'resources', 'book'));
    expect(p.dataDir).toBe('/home/u/.config/r');
    expect(p.windowStateFile).toBe(join('/home/u/.config/r', 'window-state.json'));
  });
  it('packaged, reads the bundled book from the resources folder; READER_DATA_DIR wins over userData', () => {
    const asarMain = join('/opt/app/resources/app.asar', 'out', 'main');
    const p = appPaths({
      mainDir: asarMain,
      packaged: true,
      resourcesPath: '/opt/app/resources',
      userData: '/home/u/.config/r',
      env: { READER_DATA_DIR: '/tmp/data-1' },
    });
    expect(p.bundledBookDir).toBe(join('/opt/app/resources', 'book'));
    expect(p.rendererDir).toBe(join('/opt/app/resources/app.asar', 'out', 'renderer'));
    expect(p.dataDir).toBe('/tmp/data-1');
  });
});

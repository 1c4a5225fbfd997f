/**
 * Electron entry point: one instance, locked-down windows, our own protocols instead of file://, the ReaderApi bound
 * to IPC, and the engine (electron/core) created on the per-user data dir.
 */
import { app, dialog, Menu, protocol, type BrowserWindow } from 'electron';
import { createReaderCore, type ReaderCore } from '../core/reader-core';
import { preparePrivateDataDir } from '../core/private-data-dir';
import { appPaths } from './app-paths';
import { denyPermissions, hardenApp } from './hardening';
import { importBookFromDialog } from './import-dialog';
import { bindReaderApi } from './ipc';
import { createMainWindow, loadReader } from './main-window';
import { buildAppMenu } from './menu';
import { APP_SCHEME, ASSET_SCHEME, bookAssetHandler, rendererHandler } from '../core/hosting/protocols';

// Must happen before the app is ready. standard + secure gives our pages a real origin (app://reader), so 'self' in
// the CSP, relative URLs and same-origin module scripts work. No corsEnabled/supportFetchAPI: nothing else may read
// these schemes, and <img> loads of book assets need neither.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true } },
]);
app.enableSandbox();
hardenApp();

const paths = appPaths({
  mainDir: import.meta.dirname,
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  env: process.env,
});
// Chromium's own data and the single-instance lock follow the data dir: one dir per user whatever the product name,
// and test runs with their own dir are isolated from each other. Made private first, so the window state and
// Chromium's files are owner-only too.
preparePrivateDataDir(paths.dataDir);
app.setPath('userData', paths.dataDir);
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;

let win: BrowserWindow | null = null;

function focusWindow(): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions();
  // The window shows first: on a first launch the core spends a few seconds importing the bundled book, and the
  // page's early calls wait for it (see bindReaderApi) instead of the user waiting for a window.
  let coreCreated!: (core: ReaderCore) => void;
  let coreFailed!: (err: unknown) => void;
  const coreReady = new Promise<ReaderCore>((resolve, reject) => {
    coreCreated = resolve;
    coreFailed = reject;
  });
  protocol.handle(APP_SCHEME, rendererHandler(paths.rendererDir));
  protocol.handle(ASSET_SCHEME, bookAssetHandler(async (bookId) => (await coreReady).bookDir(bookId)));
  bindReaderApi(coreReady, () => win, devServerUrl);
  Menu.setApplicationMenu(
    buildAppMenu({
      isDev: !app.isPackaged,
      importBook: () => void coreReady.then((core) => importBookFromDialog(core, win)),
    }),
  );

  const openWindow = async () => {
    win = await createMainWindow({
      preloadPath: paths.preloadPath,
      stateFile: paths.windowStateFile,
      icon: paths.icon,
    });
    win.on('closed', () => {
      win = null;
    });
    await loadReader(win, devServerUrl);
  };
  await openWindow();

  let core: ReaderCore;
  try {
    core = createReaderCore({
      dataDir: paths.dataDir,
      bundledBookDir: paths.bundledBookDir,
      wordVectorsDir: paths.wordVectorsDir,
    });
  } catch (err) {
    coreFailed(err);
    throw err;
  }
  coreCreated(core);

  app.on('activate', () => {
    if (!win) void openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void core.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  start().catch((err: unknown) => {
    console.error('[main] the reader could not start:', err instanceof Error ? (err.stack ?? err.message) : String(err));
    dialog.showErrorBox('Physical AI Reader could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

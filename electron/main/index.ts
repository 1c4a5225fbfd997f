/**
 * Electron entry point: one instance, locked-down windows, our own protocols instead of file://, the ReaderApi bound
 * to IPC, and the engine (electron/core) in a utilityProcess on the per-user data dir, restarted if it dies.
 */
import { app, dialog, Menu, protocol, type BrowserWindow } from 'electron';
import { desktopConfig, type DesktopConfig } from '../core/config/desktop-config.js';
import { startRemoteCore } from '../core/engine/remote-core.js';
import { preparePrivateDataDir } from '../core/private-data-dir.js';
import { appPaths } from './app-paths.js';
import { forkUtilityEngine } from './engine-utility-process.js';
import { denyPermissions, hardenApp } from './hardening.js';
import { importBookFromDialog } from './import-dialog.js';
import { bindReaderApi } from './ipc.js';
import { quitAfterClose, showOrOpenWindow } from './lifecycle.js';
import { createMainWindow, loadReader } from './main-window.js';
import { listenForDeepLinks } from './deep-links.js';
import { buildAppMenu } from './menu.js';
import { APP_SCHEME, ASSET_SCHEME, bookAssetHandler, rendererHandler } from '../core/hosting/protocols.js';
import { logger, startLogging } from '../core/logging/program-log.js';
import { withUpdater } from '../core/updates/update-relay.js';
import { createAppUpdater, scheduleUpdateChecks } from './updater.js';

// Must happen before the app is ready. standard + secure gives our pages a real origin (app://reader), so 'self' in
// the CSP, relative URLs and same-origin module scripts work. No corsEnabled/supportFetchAPI: nothing else may read
// these schemes, and <img> loads of book assets need neither.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true } },
]);
app.enableSandbox();
hardenApp();

/** A bad READER_* variable stops the app at once, saying which one (before any window or data dir). */
function loadConfigOrExit(): DesktopConfig {
  try {
    return desktopConfig();
  } catch (err) {
    dialog.showErrorBox('Physical AI Reader could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return process.exit(1);
  }
}

const config = loadConfigOrExit();
const paths = appPaths({
  mainDir: import.meta.dirname,
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  config,
});
// Chromium's own data and the single-instance lock follow the data dir: one dir per user whatever the product name,
// and test runs with their own dir are isolated from each other. Made private first, so the window state and
// Chromium's files are owner-only too.
preparePrivateDataDir(paths.dataDir);
startLogging({ program: 'main', dataDir: paths.dataDir, config, development: !app.isPackaged });
app.setPath('userData', paths.dataDir);
const devServerUrl = !app.isPackaged && config.rendererDevUrl ? config.rendererDevUrl : null;

let win: BrowserWindow | null = null;
/** Opens the main window; set once the app is ready. */
let openWindow: (() => Promise<void>) | null = null;
const reportWindowError = (err: unknown) => logger('main').error('could not open the window', { error: err });
/** A deep link's route waiting for the window's next first load. */
let pendingRoute: string | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions();
  // The engine starts in its own process while the window opens: on a first launch it spends a few seconds
  // importing the bundled book, and the page's early calls wait for it without this thread (or the window) waiting.
  const core = startRemoteCore(() => forkUtilityEngine(paths.engineEntry), {
    dataDir: paths.dataDir,
    logToStderr: config.log.stderr ?? !app.isPackaged,
    bundledBookDir: paths.bundledBookDir,
    wordVectorsDir: paths.wordVectorsDir,
  });
  protocol.handle(APP_SCHEME, rendererHandler(paths.rendererDir));
  protocol.handle(ASSET_SCHEME, bookAssetHandler((bookId) => core.bookDir(bookId)));
  // The updater follows the lab policy, which the engine reads; the page's calls wait for both.
  const updater = core.getPolicy({}).then(
    (policy) => createAppUpdater(policy.settings.updateMode.value),
    (err: unknown) => {
      logger('main').error('could not read the policy; updates follow the install', { error: err });
      return createAppUpdater(null);
    },
  );
  bindReaderApi(
    updater.then((u) => withUpdater(core, u)),
    () => win,
    devServerUrl,
  );
  Menu.setApplicationMenu(
    buildAppMenu({
      isDev: !app.isPackaged,
      importBook: () => void importBookFromDialog(core, win),
    }),
  );

  openWindow = async () => {
    win = await createMainWindow({
      preloadPath: paths.preloadPath,
      stateFile: paths.windowStateFile,
      icon: paths.icon,
    });
    win.on('closed', () => {
      win = null;
    });
    const route = pendingRoute ?? '';
    pendingRoute = null;
    await loadReader(win, devServerUrl, route);
  };
  await openWindow();
  await core.ready;
  scheduleUpdateChecks(await updater);

  app.on('activate', () => showOrOpenWindow(win, openWindow, reportWindowError));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on(
    'will-quit',
    quitAfterClose({
      close: () => core.close(),
      quit: () => app.quit(),
      onError: (err) => logger('main').error('the engine did not close cleanly', { error: err }),
    }),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showOrOpenWindow(win, openWindow, reportWindowError));
  pendingRoute = listenForDeepLinks(app, {
    argv: process.argv,
    defaultApp: process.defaultApp === true,
    deliver: (route) => {
      if (!win) {
        // Opened with the route once the app is ready (macOS: also when every window was closed).
        pendingRoute = route;
        showOrOpenWindow(null, openWindow, reportWindowError);
        return;
      }
      showOrOpenWindow(win, openWindow, reportWindowError);
      loadReader(win, devServerUrl, route).catch(reportWindowError);
    },
  });
  start().catch((err: unknown) => {
    logger('main').error('the reader could not start', { error: err });
    dialog.showErrorBox('Physical AI Reader could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

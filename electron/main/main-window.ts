/**
 * The reader window: locked-down web preferences, our app:// page (or the dev server in `electron-vite dev`), and
 * its size and position restored from and saved to a JSON file in userData.
 */
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { APP_ENTRY_URL } from '../core/hosting/protocols.js';
import { clampBounds, loadWindowState, MIN_SIZE, saveWindowState, type WindowState } from './window-state.js';
import { logger } from '../core/logging/program-log.js';

export interface MainWindowOptions {
  preloadPath: string;
  stateFile: string;
  icon?: string;
}

const SAVE_DELAY_MS = 500;

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const saved = await loadWindowState(options.stateFile);
  const bounds = clampBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Physical AI Reader',
    // Matches the page's first paint in the OS theme, so a dark desktop gets no white flash.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181c' : '#ffffff',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { ...b, maximized: win.isMaximized() };
    try {
      saveWindowState(options.stateFile, state);
    } catch (err) {
      logger('window').warn('could not save the window state', { error: err });
    }
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });

  return win;
}

/**
 * Loads the page, at a route (`#/...`) when given; separate from creation so IPC can already find the window while
 * the page boots. On a loaded page a new route only changes the fragment: the page stays and follows it.
 */
export function loadReader(win: BrowserWindow, devServerUrl: string | null, route = ''): Promise<void> {
  return win.loadURL(`${devServerUrl ?? APP_ENTRY_URL}${route}`);
}

/**
 * The application menu: File (Import Book..., Quit), Edit, View (zoom, full screen; reload and devtools only in
 * development), Window and Help, with the platform's usual shortcuts (roles supply them).
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importBook(): void;
  isDev: boolean;
}

export function buildAppMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Book…', accelerator: 'CmdOrCtrl+O', click: () => actions.importBook() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(actions.isDev
          ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: `About ${app.getName()}`, click: () => app.showAboutPanel() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

/**
 * App-wide locks from Electron's security checklist: no navigation away from our page, no new windows (web links
 * go to the OS browser instead, a book's own files such as a PDF are offered as a download), no webviews, and
 * every permission request (camera, notifications, ...) denied.
 */
import { app, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './external-links.js';
import { parseAssetUrl } from '../core/library/render/asset-url.js';
import { logger } from '../core/logging/program-log.js';

function openExternally(contents: WebContents, url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
  // A chapter's link to a book file that is no page: the user saves it and opens it with their own apps. Never
  // shell.openPath: a hostile book could link to a program.
  else if (parseAssetUrl(url)) contents.downloadURL(url);
  else logger('hardening').warn('refused to open a non-web link');
}

function lockDown(contents: WebContents): void {
  // A link clicked in a chapter would navigate the whole window; web links open in the browser instead.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(contents, url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(contents, url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

/** Call once the app is ready (the default session exists then). */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}

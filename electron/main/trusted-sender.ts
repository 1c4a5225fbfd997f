/**
 * Which page may call the ReaderApi over IPC: only our window's main frame, showing our own app:// origin (or, in
 * an unpackaged dev run, the electron-vite dev server). Subframes, other windows and any navigated-away page are
 * refused before input is even parsed.
 */
import { APP_HOST, APP_SCHEME } from '../core/hosting/protocols.js';

export function isTrustedPageUrl(pageUrl: string, devServerUrl: string | null): boolean {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  try {
    return url.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** The parts of Electron's WebFrameMain the check reads; processId + frameToken identify a frame. */
export interface FrameLike {
  url: string;
  parent: unknown;
  processId: number;
  frameToken: string;
}

/** The frame must exist, be top-level, be the main frame of the expected window, and show a trusted page. */
export function isTrustedSender(
  frame: FrameLike | null | undefined,
  expectedMainFrame: FrameLike | null | undefined,
  devServerUrl: string | null,
): boolean {
  if (!frame || !expectedMainFrame || frame.parent !== null) return false;
  if (frame.processId !== expectedMainFrame.processId || frame.frameToken !== expectedMainFrame.frameToken) return false;
  return isTrustedPageUrl(frame.url, devServerUrl);
}

/**
 * The only way the page reaches the engine. Either host (Electron preload or the web host's bridge) puts the same
 * ReaderApi on `window.reader`; the page never knows which one it got. Failures arrive as ReaderError (reader-error.ts).
 */
import type { ReaderApi } from '../../electron/core/contract.js';
import { withReaderErrors } from './reader-error.js';

declare global {
  interface Window {
    reader: ReaderApi;
  }
}

export const reader: ReaderApi = withReaderErrors(window.reader);

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What the page knows about updates, the same shape in every host. Types and plain values only, so the contract
 * (and through it the page) can name them without loading Node code.
 */
import type { UpdateMode } from '../policy/policy-types.js';

/** How this copy was installed (decided in install-kind.ts); here so the page can name it without Node types. */
export type InstallKind = 'appimage' | 'deb' | 'nsis-user' | 'nsis-machine' | 'mac' | 'unpackaged';

export type UpdateStateKind = 'idle' | 'checking' | 'available' | 'downloading' | 'ready' | 'none' | 'error' | 'unsupported';

export interface UpdateState {
  mode: UpdateMode;
  /** null where nothing was installed (the web host, the CLI). */
  installKind: InstallKind | null;
  state: UpdateStateKind;
  version?: string;
  /** Plain text, capped. */
  releaseNotes?: string;
  /** true when this install may download and install the version itself (mode `auto`); else the user is only told. */
  canInstall?: boolean;
  /** 0..100 while downloading. */
  progress?: number;
  message?: string;
}

export const UNSUPPORTED_UPDATE_MESSAGE = 'This copy of the reader does not update itself: it runs from the project folder or in a browser.';

/** The web host and the CLI: nothing was installed, so there is nothing to update. */
export const UNSUPPORTED_UPDATE_STATE: UpdateState = { mode: 'off', installKind: null, state: 'unsupported', message: UNSUPPORTED_UPDATE_MESSAGE };

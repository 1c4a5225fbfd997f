/**
 * What the app does about updates: the mode (policy, else what the install allows) and, once the release feed has
 * been read, what the user is shown. Plain data in and out, so every mode x install kind x feed state is testable
 * without Electron; electron/main wires it to electron-updater.
 */
import type { UpdateMode } from '../policy/policy-types.js';
import { canSelfUpdate, type InstallKind } from './install-kind.js';

export interface UpdateModeDecision {
  mode: UpdateMode;
  /** Why, for Settings and the logs. */
  reason: 'policy' | 'install' | 'development';
}

/**
 * `auto` never means "behind the user's back": it means the app may download and install once the user agrees.
 * An install that cannot replace itself gets at most `notify`, whatever the policy asks.
 */
export function updateModeFor(policyMode: UpdateMode | null, kind: InstallKind): UpdateModeDecision {
  if (kind === 'unpackaged') return { mode: 'off', reason: 'development' };
  const allowed: UpdateMode = canSelfUpdate(kind) ? 'auto' : 'notify';
  if (policyMode === null) return { mode: allowed, reason: 'install' };
  if (policyMode === 'auto' && allowed === 'notify') return { mode: 'notify', reason: 'install' };
  return { mode: policyMode, reason: 'policy' };
}

/** What reading the release feed found. */
export type FeedState =
  | { kind: 'unreachable'; message: string }
  | { kind: 'current'; version: string }
  | { kind: 'available'; version: string; releaseNotes: string | null; releaseDate: string | null };

/** What the page shows about updates. */
export type UpdateOffer =
  /** Nothing: updates are off, the app is current, or the feed could not be read (logged, not shown). */
  | { kind: 'none' }
  /** "Version X is available": with Download and install only when `canInstall`, else a link to the release page. */
  | { kind: 'available'; version: string; releaseNotes: string | null; canInstall: boolean };

export const shouldCheck = (mode: UpdateMode): boolean => mode !== 'off';

export function updateOffer(mode: UpdateMode, feed: FeedState): UpdateOffer {
  if (mode === 'off' || feed.kind !== 'available') return { kind: 'none' };
  return { kind: 'available', version: feed.version, releaseNotes: feed.releaseNotes, canInstall: mode === 'auto' };
}

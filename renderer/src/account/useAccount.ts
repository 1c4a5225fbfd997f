/**
 * The account as the page knows it: the profile and how it was verified, never a token. One shared copy for
 * every component (panel, personalize bar, Ask's online answer); any change made here is announced to all.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountState } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';

const CHANGED = 'reader:account-changed';
let current: AccountState | null = null;
let loading: Promise<AccountState> | null = null;
/** Bumped by every setAccount: a load that started before one answers with an older state and must not win. */
let version = 0;

function load(): Promise<AccountState> {
  const startedAt = version;
  loading ??= reader.getAccount({}).then(
    (state) => {
      loading = null;
      if (version !== startedAt) return current ?? state;
      current = state;
      window.dispatchEvent(new Event(CHANGED));
      return state;
    },
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** After sign-in/up/out or a background change: every user of the account sees the new state. */
export function setAccount(state: AccountState): void {
  version++;
  current = state;
  window.dispatchEvent(new Event(CHANGED));
}

export function useAccount(onError?: (err: unknown) => void) {
  const [account, setState] = useState<AccountState | null>(current);
  useEffect(() => {
    const sync = () => setState(current);
    window.addEventListener(CHANGED, sync);
    if (!current) load().catch((err: unknown) => onError?.(err));
    return () => window.removeEventListener(CHANGED, sync);
  }, [onError]);
  const refresh = useCallback(() => load().catch((err: unknown) => onError?.(err)), [onError]);
  return { account, refresh };
}

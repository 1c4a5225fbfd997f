/**
 * One way to open the account for a data dir, shared by the app (reader-core) and the CLI so both use the same
 * keychain entry and the same cache file.
 */
import type { DesktopConfig } from '../config/desktop-config.js';
import { openAccountStore, type AccountStore } from './account-store.js';
import { AccountSession } from './session.js';
import { openVault } from './vault.js';
import type { AccountPolicy } from '../policy/policy-types.js';

export interface OpenAccount {
  session: AccountSession;
  store: AccountStore;
  close(): void;
}

export async function openAccount(dataDir: string, config: DesktopConfig, policy: AccountPolicy): Promise<OpenAccount> {
  const store = openAccountStore(dataDir);
  const vault = await openVault({ service: config.keychainService, rememberSession: policy.rememberSession });
  const session = new AccountSession({ vault, store, remote: config.remote, policy });
  return { session, store, close: () => store.close() };
}

/**
 * One way to open the account for a data dir, shared by the app (reader-core) and the CLI so both use the same
 * keychain entry and the same cache file.
 */
import { openAccountStore, type AccountStore } from './account-store.js';
import { AccountSession } from './session.js';
import { keychainServiceName, openVault } from './vault.js';

export interface OpenAccount {
  session: AccountSession;
  store: AccountStore;
  close(): void;
}

export async function openAccount(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenAccount> {
  const store = openAccountStore(dataDir);
  const vault = await openVault({ service: keychainServiceName(env) });
  const session = new AccountSession({ vault, store, env });
  return { session, store, close: () => store.close() };
}

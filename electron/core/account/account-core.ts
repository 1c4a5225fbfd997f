/**
 * The account as reader-core mounts it: opened in the background (finding the keychain takes a moment) so the
 * engine starts synchronously, with every account method waiting for it. One call to wire in, one to close.
 */
import type { DesktopConfig } from '../config/desktop-config.js';
import type { JobEvent } from '../contract.js';
import type { LibraryStore } from '../library/store/library-store.js';
import { accountMethodNames, type AccountMethods } from './account-method-names.js';
import { createAccountMethods } from './account-methods.js';
import { forwardMethods } from '../forward-methods.js';
import { libraryChapters } from './library-chapters.js';
import { openAccount } from './open-account.js';
import type { ThreadKeeper } from './account-methods.js';
import type { AccountPolicy } from '../policy/policy-types.js';
import { accountSync, type AccountSyncHooks } from './account-sync.js';

export interface AccountCore {
  methods: AccountMethods;
  close(): Promise<void>;
}

export function createAccountCore(options: {
  dataDir: string;
  library: LibraryStore;
  emit: (event: JobEvent) => void;
  config: DesktopConfig;
  policy: AccountPolicy;
  /** Where online answers asked in a thread are kept. */
  threads?: ThreadKeeper;
  /** Where sync reports its status and pulled changes. */
  sync?: AccountSyncHooks;
}): AccountCore {
  const ready = openAccount(options.dataDir, options.config, options.policy).then((account) => {
    const sync = accountSync(account.session, options.library.db, options.sync);
    sync.loop.start();
    return {
      account,
      sync,
      methods: createAccountMethods({
        session: account.session,
        store: account.store,
        chapters: libraryChapters(options.library),
        emit: options.emit,
        anonymousAsk: options.policy.anonymousAsk,
        sync,
        ...(options.threads ? { threads: options.threads } : {}),
      }),
    };
  });
  // Each method waits for the opened account, then runs there.
  const methods = forwardMethods(accountMethodNames, async () => (await ready).methods);
  return {
    methods,
    async close() {
      const { account, methods: m, sync } = await ready;
      await sync.loop.stop();
      m.jobs.cancelAll();
      await m.jobs.idle();
      account.close();
    },
  };
}

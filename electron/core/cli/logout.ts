import { z } from 'zod';
import { accountSync } from '../account/account-sync.js';
import { CliError, defineCommand } from './command.js';
import { withAccount } from './account-cli.js';
import { withCore } from './open-core.js';
import { commandArgs, stringOption } from './options.js';

export const logoutCommand = defineCommand({
  name: 'logout',
  summary:
    "Sign out: send unsent changes first (or --unsent keep|discard them), remove the student's synced data from this machine, end the session, delete the keychain entry and personalized chapters",
  usage: 'logout [--unsent keep|discard]',
  ...commandArgs(z.tuple([], { error: 'logout takes no arguments' }), {
    unsent: stringOption(z.enum(['keep', 'discard'], { error: '--unsent must be keep or discard' }).optional()),
  }),
  async run({ values }, ctx) {
    await withCore(ctx.dataDir, (core) =>
      withAccount(ctx.dataDir, async (account) => {
        const sync = accountSync(account.session, core.store.db);
        const userId = (await account.session.localClaims())?.sub ?? null;
        if (!values.unsent) {
          try {
            await sync.flush();
          } catch (err) {
            throw new CliError(
              `${sync.pending()} unsent change(s) could not be sent (${(err as Error).message}). Run again with --unsent keep (for your next sign-in here) or --unsent discard.`,
            );
          }
        }
        const { kept, discarded } = await sync.wipe(values.unsent === 'keep' ? userId : null);
        const { remoteSignedOut } = await account.session.signOut();
        ctx.out(remoteSignedOut ? 'Signed out.' : 'Signed out on this machine (the service could not be reached to end the session there).');
        if (kept > 0) ctx.out(`${kept} unsent change(s) kept on this machine for your next sign-in here.`);
        if (discarded > 0) ctx.out(`${discarded} unsent change(s) discarded.`);
      }),
    );
  },
});

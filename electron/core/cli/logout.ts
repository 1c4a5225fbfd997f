import { z } from 'zod';
import { defineCommand } from './command.js';
import { withAccount } from './account-cli.js';
import { commandArgs } from './options.js';

export const logoutCommand = defineCommand({
  name: 'logout',
  summary: 'Sign out: end the session at the service, delete the keychain entry and personalized chapters',
  usage: 'logout',
  ...commandArgs(z.tuple([], { error: 'logout takes no arguments' }), {}),
  async run(_input, ctx) {
    await withAccount(ctx.dataDir, async (account) => {
      const { remoteSignedOut } = await account.session.signOut();
      ctx.out(
        remoteSignedOut
          ? 'Signed out.'
          : 'Signed out on this machine (the service could not be reached to end the session there).',
      );
    });
  },
});

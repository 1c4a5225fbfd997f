import { z } from 'zod';
import { CliError, defineCommand } from './command.js';
import { emailOption, keychainWarning, readPassword, remoteOption, withAccount } from './account-cli.js';
import { commandArgs } from './options.js';
import { describeStatus } from './whoami.js';

export const loginCommand = defineCommand({
  name: 'login',
  summary: 'Sign in to the remote service (password from stdin) and keep the session in the OS keychain',
  usage: 'login --remote URL --email E',
  ...commandArgs(z.tuple([], { error: 'login takes options only' }), { remote: remoteOption, email: emailOption }),
  async run({ values }, ctx) {
    const password = await readPassword();
    await withAccount(ctx.dataDir, async (account) => {
      const status = await account.session.signIn({ email: values.email, password }, values.remote);
      const warning = keychainWarning(account);
      if (warning) {
        await account.session.signOut();
        throw new CliError(`Signed in, but the session cannot be kept: ${warning}`);
      }
      ctx.out(describeStatus(status));
    });
  },
});

import { z } from 'zod';
import { HardwareBackgroundSchema, SoftwareBackgroundSchema } from '../contract.js';
import { CliError, defineCommand } from './command.js';
import { emailOption, keychainWarning, readPassword, remoteOption, withAccount } from './account-cli.js';
import { commandArgs, stringOption } from './options.js';
import { describeStatus } from './whoami.js';

export const signupCommand = defineCommand({
  name: 'signup',
  summary: 'Create an account on the remote service (password from stdin) and keep the session in the OS keychain',
  usage:
    'signup --remote URL --email E --name N --software none|beginner|intermediate|advanced ' +
    '--hardware none|hobbyist|robotics|industrial [--software-detail T] [--hardware-detail T]',
  ...commandArgs(z.tuple([], { error: 'signup takes options only' }), {
    remote: remoteOption,
    email: emailOption,
    name: stringOption(z.string().trim().min(1, '--name is required').max(100)),
    software: stringOption(SoftwareBackgroundSchema),
    hardware: stringOption(HardwareBackgroundSchema),
    'software-detail': stringOption(z.string().trim().max(200).optional()),
    'hardware-detail': stringOption(z.string().trim().max(200).optional()),
  }),
  async run({ values }, ctx) {
    const password = await readPassword();
    if (password.length < 8 || password.length > 128) throw new CliError('The password must be 8 to 128 characters.', 2);
    await withAccount(ctx.dataDir, async (account) => {
      const status = await account.session.signUp(
        {
          email: values.email,
          password,
          name: values.name,
          softwareBackground: values.software,
          hardwareBackground: values.hardware,
          ...(values['software-detail'] ? { softwareDetail: values['software-detail'] } : {}),
          ...(values['hardware-detail'] ? { hardwareDetail: values['hardware-detail'] } : {}),
        },
        values.remote,
      );
      const warning = keychainWarning(account);
      if (warning) {
        await account.session.signOut();
        throw new CliError(`Account created, but the session cannot be kept: ${warning}`);
      }
      ctx.out(`Account created. ${describeStatus(status)}`);
    });
  },
});

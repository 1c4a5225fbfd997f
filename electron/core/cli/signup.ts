import { z } from 'zod';
import { HardwareBackgroundSchema, SoftwareBackgroundSchema } from '../contract.js';
import { CliError, defineCommand } from './command.js';
import { keychainWarning, readPassword, withAccount } from './account-cli.js';
import { describeStatus } from './whoami.js';

export const signupCommand = defineCommand({
  name: 'signup',
  summary: 'Create an account on the remote service (password from stdin) and keep the session in the OS keychain',
  usage:
    'signup --remote URL --email E --name N --software none|beginner|intermediate|advanced ' +
    '--hardware none|hobbyist|robotics|industrial [--software-detail T] [--hardware-detail T]',
  options: {
    remote: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    software: { type: 'string' },
    hardware: { type: 'string' },
    'software-detail': { type: 'string' },
    'hardware-detail': { type: 'string' },
  },
  schema: z.object({
    positionals: z.tuple([], { error: 'signup takes options only' }),
    values: z
      .object({
        remote: z.string().url('--remote must be a URL').optional(),
        email: z.string().trim().email('--email must be an email address'),
        name: z.string().trim().min(1, '--name is required').max(100),
        software: SoftwareBackgroundSchema,
        hardware: HardwareBackgroundSchema,
        'software-detail': z.string().trim().max(200).optional(),
        'hardware-detail': z.string().trim().max(200).optional(),
      })
      .loose(),
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

import { z } from 'zod';
import type { AccountState } from '../contract.js';
import { CliError, defineCommand } from './command.js';
import { withAccount } from './account-cli.js';
import { commandArgs, jsonOption } from './options.js';

export function describeStatus(status: AccountState): string {
  const p = status.profile;
  if (!p) return 'Not signed in.';
  const how = status.verified === 'online' ? 'confirmed online' : `verified offline from the cache${status.tokenExpired ? ', token expired' : ''}`;
  return `Signed in as ${p.name} <${p.email}> (software: ${p.softwareBackground}, hardware: ${p.hardwareBackground}; ${how}).`;
}

export const whoamiCommand = defineCommand({
  name: 'whoami',
  summary: 'Show who is signed in (online, or verified offline from the cached keys); exit 1 when signed out',
  usage: 'whoami [--json]',
  ...commandArgs(z.tuple([], { error: 'whoami takes no arguments' }), { json: jsonOption }),
  async run({ values }, ctx) {
    await withAccount(ctx.dataDir, async (account) => {
      const status = await account.session.status();
      if (!status.profile || !status.verified) {
        throw new CliError(
          status.signedIn
            ? `A session is stored but cannot be verified offline (${status.offlineReason ?? 'no cached keys'}).`
            : 'Not signed in.',
        );
      }
      const p = status.profile;
      if (values.json) {
        ctx.out(
          JSON.stringify({
            email: p.email,
            name: p.name,
            softwareBackground: p.softwareBackground,
            hardwareBackground: p.hardwareBackground,
            verified: status.verified,
          }),
        );
      } else ctx.out(describeStatus(status));
    });
  },
});

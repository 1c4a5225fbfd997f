import { z } from 'zod';
import { accountSync } from '../account/account-sync.js';
import type { KindCounts } from '../sync/sync-run.js';
import { SyncBusyError } from '../sync/sync-lease.js';
import { runSync } from '../sync/sync-run.js';
import { CliError, defineCommand } from './command.js';
import { withAccount } from './account-cli.js';
import { withCore } from './open-core.js';
import { commandArgs, jsonOption } from './options.js';

const describe = (counts: KindCounts) => {
  const parts = Object.entries(counts).map(([kind, n]) => `${kind} ${n}`);
  const total = Object.values(counts).reduce((a, n) => a + n, 0);
  return parts.length ? `${total} (${parts.join(', ')})` : '0';
};

export const syncCommand = defineCommand({
  name: 'sync',
  summary: "Push this machine's unsent changes to the service, then pull what changed elsewhere (signed in only)",
  usage: 'sync [--json]',
  ...commandArgs(z.tuple([], { error: 'sync takes no arguments' }), { json: jsonOption }),
  async run({ values }, ctx) {
    await withCore(ctx.dataDir, (core) =>
      withAccount(ctx.dataDir, async (account) => {
        const transport = await accountSync(account.session, core.store.db).transport();
        // (The transport also makes the library this student's: their kept changes go back into the outbox.)
        if (!transport) throw new CliError('Not signed in: `reader login` first.');
        const report = await runSync(core.store.db, transport).catch((err: unknown) => {
          // The app (or another `reader sync`) is syncing this data dir: nothing was sent; exit 3 says "retry later".
          throw err instanceof SyncBusyError ? new CliError(err.message, 3) : err;
        });
        if (values.json) {
          ctx.out(JSON.stringify({ pushed: report.pushed, rejected: report.rejected, pulled: report.pulled, parked: report.parked, cursor: report.cursor }));
          return;
        }
        ctx.out(`Pushed ${describe(report.pushed)}; pulled ${describe(report.pulled)}; cursor ${report.cursor}.`);
        if (report.parked > 0) ctx.out(`${report.parked} pulled record(s) wait for a book not in this library; they land when it is imported.`);
        for (const r of report.rejected) ctx.out(`Refused by the service (not retried): mutation ${r.id}: ${r.reason}`);
      }),
    );
  },
});

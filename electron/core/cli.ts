/**
 * `reader` command line: `npm run -s reader -- <command> [args] [--data DIR]`. Commands are modules in
 * electron/core/cli/, listed in cli/commands.ts and parsed by cli/run-cli.ts. Exit codes: 0 ok, 1 failure, 2 bad usage.
 */
import { ReaderError } from './contract.js';
import { CliError } from './cli/command.js';
import { runCli } from './cli/run-cli.js';

async function main(): Promise<void> {
  const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (err) {
    if (err instanceof CliError || err instanceof ReaderError) {
      io.err(`reader: ${err.message}`);
      process.exitCode = err instanceof CliError ? err.exitCode : 1;
    } else {
      io.err(`reader: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    }
  }
}

await main();

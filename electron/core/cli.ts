/**
 * `reader` command line: `npm run -s reader -- <command> [args] [--data DIR]`. Commands are modules in
 * electron/core/cli/, listed in cli/commands.ts. Exit codes: 0 ok, 1 failure, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { ReaderError } from './contract.js';
import { CliError, type CliCommand, type CliContext } from './cli/command.js';
import { commands } from './cli/commands.js';
import { resolveDataDir } from './paths.js';

const SHARED_OPTIONS = { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: reader <command> [arguments] [--data DIR]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --data DIR (default: $READER_DATA_DIR, else the per-user data folder).',
    'Run `reader <command> --help` for its arguments.',
  ].join('\n');
}

const commandHelp = (c: CliCommand) => `Usage: reader ${c.usage} [--data DIR]\n\n${c.summary}`;

async function run(argv: string[], ctx: Omit<CliContext, 'dataDir'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    ctx.err(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  if (command.runRaw) return command.runRaw(rest);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...SHARED_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    ctx.err(`${(err as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    ctx.out(commandHelp(command));
    return 0;
  }
  const input = command.schema.safeParse({ positionals: parsed.positionals, values: parsed.values });
  if (!input.success) {
    ctx.err(`${input.error.issues.map((i) => i.message).join('; ')}\n\n${commandHelp(command)}`);
    return 2;
  }
  const dataDir = resolveDataDir(typeof parsed.values.data === 'string' ? parsed.values.data : undefined);
  return (await command.run(input.data, { ...ctx, dataDir })) ?? 0;
}

async function main(): Promise<void> {
  const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
  try {
    process.exitCode = await run(process.argv.slice(2), io);
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

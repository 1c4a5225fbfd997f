/**
 * The one parse path of the `reader` command line: the shared options (--data, --help) and the command's own are
 * parsed together by node:util parseArgs, then checked by the command's zod schema. Exit codes: 0 ok, 1 failure,
 * 2 bad usage. cli.ts is the process entry; tests call this directly.
 */
import { parseArgs } from 'node:util';
import type { CliCommand, CliContext } from './command.js';
import { commands } from './commands.js';
import { desktopConfig, type DesktopConfig } from '../config/desktop-config.js';
import { startLogging } from '../logging/program-log.js';
import { resolveDataDir } from '../paths.js';

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

export async function runCli(argv: string[], io: Omit<CliContext, 'dataDir'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...SHARED_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(commandHelp(command));
    return 0;
  }
  const input = command.schema.safeParse({ positionals: parsed.positionals, values: parsed.values });
  if (!input.success) {
    io.err(`${input.error.issues.map((i) => i.message).join('; ')}\n\n${commandHelp(command)}`);
    return 2;
  }
  let config: DesktopConfig;
  try {
    config = desktopConfig();
  } catch (err) {
    io.err((err as Error).message);
    return 2;
  }
  const dataDir = resolveDataDir(typeof parsed.values.data === 'string' ? parsed.values.data : undefined, config);
  startLogging({ program: 'cli', dataDir, config, development: false });
  return (await command.run(input.data, { ...io, dataDir })) ?? 0;
}

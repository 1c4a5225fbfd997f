/**
 * What a CLI command is. Each command lives in its own module under electron/core/cli/ and is listed once in
 * cli/commands.ts; cli/run-cli.ts parses the shared options (--data, --help), then the command's own, and validates
 * them with the command's zod schema before running it.
 */
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export interface CliContext {
  /** Resolved data dir: --data, else READER_DATA_DIR, else the per-user dir. */
  dataDir: string;
  out(text: string): void;
  err(text: string): void;
}

/** Raw parse result handed to a command's schema: positionals after the command name, and option values. */
export interface RawArgs {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

export interface CliCommand<S extends z.ZodType = z.ZodType> {
  name: string;
  /** One line for `reader --help`. */
  summary: string;
  /** e.g. `toc <dir> [--json]` (the shared `--data DIR` is added by the help printer). */
  usage: string;
  /** `options` and `schema` come together from commandArgs (./options.ts). */
  options?: ParseArgsConfig['options'];
  schema: S;
  /** Returns the exit code (default 0). */
  run(input: z.output<S>, ctx: CliContext): Promise<number | void>;
}

/** Keeps the schema's output type tied to `run`'s input while the registry holds commands of any shape. */
export function defineCommand<S extends z.ZodType>(command: CliCommand<S>): CliCommand {
  return command as unknown as CliCommand;
}

/** A failure the user caused or can fix: printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

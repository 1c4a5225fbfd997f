/**
 * For commands that parse their own argv (they take --data themselves): node:util parseArgs, then the command's
 * schema; unknown options, malformed ones and values the schema refuses are usage errors (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { CliError } from './command.js';

export function parseOrExplain<S extends z.ZodType>(argv: string[], args: { options: ParseArgsConfig['options']; schema: S }): z.output<S> {
  let raw: { positionals: string[]; values: unknown };
  try {
    raw = parseArgs({ args: argv, options: args.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const parsed = args.schema.safeParse({ positionals: raw.positionals, values: raw.values });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '), 2);
  return parsed.data;
}

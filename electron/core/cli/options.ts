/**
 * Command options, each declared once with its parseArgs type and its zod check together, so a command's option
 * list and its input schema cannot drift apart. --data and --json are the shared ones; a command adds its own with
 * `stringOption`.
 */
import type { ParseArgsConfig } from 'node:util';
import { z } from 'zod';

interface OptionSpec<T extends 'string' | 'boolean' = 'string' | 'boolean', S extends z.ZodType = z.ZodType> {
  type: T;
  schema: S;
}

export function stringOption<S extends z.ZodType>(schema: S): OptionSpec<'string', S> {
  return { type: 'string', schema };
}

/** --json: only JSON on stdout. */
export const jsonOption: OptionSpec<'boolean', z.ZodOptional<z.ZodBoolean>> = { type: 'boolean', schema: z.boolean().optional() };

/**
 * A command's parseArgs options and its input schema ({ positionals, values }) from one list. Values it does not
 * list (the --data and --help that run-cli.ts adds) pass through.
 */
export function commandArgs<P extends z.ZodType, O extends Record<string, OptionSpec>>(positionals: P, specs: O) {
  const entries = Object.entries(specs);
  const options = Object.fromEntries(entries.map(([name, o]) => [name, { type: o.type }])) as { [K in keyof O]: { type: O[K]['type'] } };
  const shape = Object.fromEntries(entries.map(([name, o]) => [name, o.schema])) as { [K in keyof O]: O[K]['schema'] };
  return {
    options: options satisfies ParseArgsConfig['options'],
    schema: z.object({ positionals, values: z.object(shape).loose() }),
  };
}

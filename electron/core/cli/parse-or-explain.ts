/** node:util parseArgs for raw commands, with unknown or malformed options reported as usage errors (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command.js';

export function parseOrExplain<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}

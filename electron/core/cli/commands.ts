/** Every CLI command, in the order `--help` lists them. Add a command: a module beside this file and one line here. */
import type { CliCommand } from './command.js';
import { importCommand } from './import.js';
import { listCommand } from './list.js';
import { tocCommand } from './toc.js';
import { textCommand } from './text.js';

export const commands: CliCommand[] = [importCommand, listCommand, tocCommand, textCommand];

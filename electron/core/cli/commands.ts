/** Every CLI command, in the order `--help` lists them. Add a command: a module beside this file and one line here. */
import type { CliCommand } from './command.js';
import { importCommand } from './import.js';
import { checkCommand } from './check.js';
import { listCommand } from './list.js';
import { tocCommand } from './toc.js';
import { textCommand } from './text.js';
import { indexCommand } from './index.js';
import { askCommand } from './ask.js';
import { notesCommand } from './notes.js';
import { signupCommand } from './signup.js';
import { loginCommand } from './login.js';
import { whoamiCommand } from './whoami.js';
import { logoutCommand } from './logout.js';
import { policyCommand } from './policy.js';
import { buildContentCommand } from './build-content.js';
import { syncCommand } from './sync.js';

export const commands: CliCommand[] = [importCommand, checkCommand, listCommand, tocCommand, textCommand, indexCommand, askCommand, notesCommand, signupCommand, loginCommand, whoamiCommand, syncCommand, logoutCommand, policyCommand, buildContentCommand];

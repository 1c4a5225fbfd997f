/**
 * Shared by the account commands (signup, login, whoami, logout): the account opened on the data dir (same
 * keychain entry and cache as the app), the password read from stdin only, and account errors as CLI errors.
 */
import { openAccount, type OpenAccount } from '../account/open-account.js';
import { isRemoteError } from '../account/remote-errors.js';
import { RemoteUrlSchema } from '../account/remote-url.js';
import { z } from 'zod';
import { CliError } from './command.js';
import { desktopConfig } from '../config/desktop-config.js';
import { policyValues } from '../policy/load-policy.js';
import { programPolicy } from '../policy/program-policy.js';
import { stringOption } from './options.js';

/** --remote URL and --email, as signup and login take them. */
export const remoteOption = stringOption(RemoteUrlSchema.optional());
export const emailOption = stringOption(z.string().trim().email('--email must be an email address'));

export async function withAccount<T>(dataDir: string, fn: (account: OpenAccount) => Promise<T>): Promise<T> {
  const account = await openAccount(dataDir, desktopConfig(), policyValues(programPolicy()));
  try {
    return await fn(account);
  } catch (err) {
    if (isRemoteError(err)) {
      const field = err.details.field ? ` (${err.details.field})` : '';
      throw new CliError(`${err.message}${field}`);
    }
    throw err;
  } finally {
    account.close();
  }
}

/**
 * The password, never from arguments (they show in `ps` and shell history): piped stdin's first line, or typed
 * at a terminal with echo off.
 */
export async function readPassword(prompt = 'Password: '): Promise<string> {
  const stdin = process.stdin;
  const password = stdin.isTTY ? await readHidden(prompt) : firstLine(await readAll());
  if (!password) throw new CliError('No password on stdin (pipe it in, or type it at the prompt).', 2);
  return password;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? '';

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliError('Cancelled.', 130));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Why the session cannot outlive this process (no usable keychain), or null when it is safely stored. */
export function keychainWarning(account: OpenAccount): string | null {
  return account.session.vault.persistent ? null : account.session.vault.unavailableReason;
}

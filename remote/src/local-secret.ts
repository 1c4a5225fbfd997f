import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * For the embedded, single-machine setup only: a random BETTER_AUTH_SECRET kept beside the data (mode 0600), so
 * a fresh clone starts with one command and the signing keys it encrypts stay readable across restarts.
 */
export async function loadOrCreateLocalSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'auth-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, secret, { mode: 0o600 });
  await rename(tmp, file);
  return secret;
}

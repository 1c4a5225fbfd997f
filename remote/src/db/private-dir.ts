import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Mode bits nobody but the owner may have on anything the embedded service keeps (session tokens, hashes, keys). */
export const PRIVATE_UMASK = 0o077;

/**
 * Creates `dir` if needed and makes it and everything under it owner-only: folders 0700, files 0600. Run on every
 * start, so a tree an older version (or a careless copy) left readable is tightened before the service serves.
 * Symbolic links are left alone and not followed, so this never reaches outside `dir`.
 */
export async function makePrivate(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await tighten(dir);
}

async function tighten(path: string): Promise<void> {
  const st = await lstat(path);
  if (st.isDirectory()) {
    await chmod(path, 0o700);
    for (const name of await readdir(path)) await tighten(join(path, name));
  } else if (st.isFile()) {
    await chmod(path, 0o600);
  }
}

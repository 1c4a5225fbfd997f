/**
 * The data dir holds the reader's library, notes, ask threads and account cache, on lab machines shared by many
 * users: only its owner may read it. Everything the core (and LanceDB, SQLite, the index workers) creates is
 * private through the process umask; a tree an older version left readable is tightened once, on start.
 * Windows: %LOCALAPPDATA% is already per-user by its ACL, and POSIX modes mean nothing there.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

const GROUP_AND_OTHERS = 0o077;

/** Chmods a tree to owner-only (dirs 0700, files lose every group/other bit); symlinks are left alone. */
export function makeTreePrivate(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    for (const name of readdirSync(path)) makeTreePrivate(join(path, name));
    // Last: until every entry inside is private, a readable dir still matters (the walk is redone next start).
    chmodSync(path, 0o700);
  } else if (st.mode & GROUP_AND_OTHERS) chmodSync(path, st.mode & 0o700);
}

/** Creates (or tightens) the data dir and makes everything this process creates from now on owner-only. */
export function preparePrivateDataDir(dataDir: string): void {
  if (process.platform === 'win32') {
    mkdirSync(dataDir, { recursive: true });
    return;
  }
  process.umask(GROUP_AND_OTHERS);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A private root is enough: nobody else can reach anything below it, so the tree is walked only when it is not.
  if (statSync(dataDir).mode & GROUP_AND_OTHERS) makeTreePrivate(realpathSync(dataDir));
}

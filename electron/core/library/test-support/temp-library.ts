/** A real library database in a temp dir of its own, for tests; `remove` closes it and deletes the dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryStore } from '../store/library-store.js';

export interface TempLibrary {
  dir: string;
  store: LibraryStore;
  /** Another connection to the same database (as the app's engine and the CLI each hold one). */
  openAgain(): LibraryStore;
  remove(): void;
}

export function tempLibrary(prefix: string): TempLibrary {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'library.sqlite');
  const store = new LibraryStore(path);
  const extra: LibraryStore[] = [];
  return {
    dir,
    store,
    openAgain() {
      const s = new LibraryStore(path);
      extra.push(s);
      return s;
    },
    remove() {
      for (const s of [...extra, store]) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reader core as CLI commands use it: same data dir and bundled book as the app, no background indexing. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundledBookDir } from '../paths.js';
import { createReaderCore, type ReaderCore } from '../reader-core.js';
import { CliError } from './command.js';

export async function withCore<T>(dataDir: string, fn: (core: ReaderCore) => Promise<T>): Promise<T> {
  const core = createReaderCore({ dataDir, bundledBookDir: bundledBookDir(), indexOnImport: false });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** Imports (or refreshes: only changed chapters are re-rendered) a book folder and returns its id. */
export async function bookForDir(core: ReaderCore, dir: string): Promise<string> {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new CliError(`No such folder: ${dir}`);
  return (await core.importBook({ dir: abs })).bookId;
}

/**
 * A book folder's fingerprint from file metadata alone (no content is read): every entry's path, type, size,
 * inode and modification and status-change times in nanoseconds. Writing a file always moves its change time,
 * which no user can set back, and adding, removing or renaming an entry moves its folder's times, so an equal
 * fingerprint means the import would see the same files. A re-import of an unchanged book then needs no planning
 * worker at all. Symbolic links are not followed into folders (as planning does not); a linked file's target is
 * fingerprinted too, since planning reads it.
 */
import { lstatSync, readdirSync, statSync, type BigIntStats } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** A folder this big is fingerprinted no faster than it is planned: no fast path. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 24;
// Never book pages in Docusaurus or any flavor we read, and often huge.
const IGNORED = new Set(['.git', 'node_modules']);

const describe = (s: BigIntStats) => `${s.mode}:${s.size}:${s.ino}:${s.mtimeNs}:${s.ctimeNs}`;

/** `dirs`: the book folder and any folder outside it that its pages come from; `salt`: what else the import depends on. */
export function sourceFingerprint(dirs: string[], salt: string): string | null {
  const hash = createHash('sha256').update(salt);
  let entries = 0;
  const walk = (dir: string, depth: number): boolean => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return false;
    }
    for (const name of names) {
      if (IGNORED.has(name)) continue;
      if (++entries > MAX_ENTRIES) return false;
      const p = join(dir, name);
      const s = lstatSync(p, { bigint: true, throwIfNoEntry: false });
      if (!s) return false; // removed while we looked: let the full import decide
      hash.update(`${p}\0${describe(s)}\n`);
      if (s.isSymbolicLink()) {
        const target = statSync(p, { bigint: true, throwIfNoEntry: false });
        hash.update(`->${target ? describe(target) : 'missing'}\n`);
      } else if (s.isDirectory() && (depth >= MAX_DEPTH || !walk(p, depth + 1))) return false;
    }
    return true;
  };
  for (const dir of dirs) {
    const s = statSync(dir, { bigint: true, throwIfNoEntry: false });
    if (!s?.isDirectory()) return null;
    hash.update(`${dir}\0${describe(s)}\n`);
    if (!walk(dir, 0)) return null;
  }
  return hash.digest('hex');
}

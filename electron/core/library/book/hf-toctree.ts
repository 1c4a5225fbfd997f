/** Hugging Face course books: order and titles from `_toctree.yml` (`title` + `local` / nested `sections`). */
import { dirname, join, posix, relative } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { isFile, toPosix } from './book-files.js';
import type { BookReader } from './book-reader.js';
import type { PlannedChapter } from './types.js';

interface TocItem {
  title?: unknown;
  local?: unknown;
  sections?: unknown;
}

// Real toctrees use no aliases; a few are allowed, thousands (the "billion laughs" expansion) are refused.
const MAX_ALIASES = 50;
// Items visited in one walk, however the YAML shares them: far above any course (~200 entries).
const MAX_ITEMS = 20_000;

/** Chapters in toctree order, or null (the reason recorded) when the toctree cannot be used. */
export function planHfToctree(book: BookReader, toctreePath: string): PlannedChapter[] | null {
  const base = dirname(toctreePath);
  const raw = book.read(toctreePath);
  if (raw === null) return null;
  let items: unknown;
  try {
    items = loadYaml(raw, { maxAliases: MAX_ALIASES });
  } catch (err) {
    return book.refuse(toctreePath, `it is not a usable table of contents: ${(err as Error).message.split('\n')[0]}`);
  }
  const out: PlannedChapter[] = [];
  const seen = new Set<string>();
  const visited = new Set<object>();
  const walk = (list: unknown, parents: string[]) => {
    if (!Array.isArray(list) || visited.has(list)) return;
    visited.add(list);
    for (const raw of list as TocItem[]) {
      if (!raw || typeof raw !== 'object' || visited.has(raw) || visited.size > MAX_ITEMS) continue;
      visited.add(raw);
      const title = typeof raw.title === 'string' ? raw.title.trim() : null;
      if (typeof raw.local === 'string') {
        const local = posix.normalize(raw.local);
        const found = ['.mdx', '.md', ''].map((ext) => join(base, local + ext)).find(isFile);
        const file = found ? toPosix(relative(book.root, found)) : null;
        if (file && !file.startsWith('..') && !seen.has(file)) {
          seen.add(file);
          const src = book.readSource(found!);
          if (src) out.push({ file, title, depth: parents.length, parents, body: src.body });
        }
      }
      if (raw.sections !== undefined) walk(raw.sections, title && typeof raw.local !== 'string' ? [...parents, title] : parents);
    }
  };
  walk(items, []);
  if (visited.size > MAX_ITEMS) book.refuse(toctreePath, `it lists more than ${MAX_ITEMS} entries; the rest were left out`);
  return out;
}

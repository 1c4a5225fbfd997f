/** Hugging Face course books: order and titles from `_toctree.yml` (`title` + `local` / nested `sections`). */
import { readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { isFile, readSource, toPosix } from './book-files.js';
import type { PlannedChapter } from './types.js';

interface TocItem {
  title?: unknown;
  local?: unknown;
  sections?: unknown;
}

export function planHfToctree(bookDir: string, toctreePath: string): PlannedChapter[] {
  const base = dirname(toctreePath);
  const items = loadYaml(readFileSync(toctreePath, 'utf8'));
  const out: PlannedChapter[] = [];
  const seen = new Set<string>();
  const walk = (list: unknown, parents: string[]) => {
    if (!Array.isArray(list)) return;
    for (const raw of list as TocItem[]) {
      if (!raw || typeof raw !== 'object') continue;
      const title = typeof raw.title === 'string' ? raw.title.trim() : null;
      if (typeof raw.local === 'string') {
        const local = posix.normalize(raw.local);
        const found = ['.mdx', '.md', ''].map((ext) => join(base, local + ext)).find(isFile);
        const file = found ? toPosix(relative(bookDir, found)) : null;
        if (file && !file.startsWith('..') && !seen.has(file)) {
          seen.add(file);
          out.push({ file, title, depth: parents.length, parents, body: readSource(found!).body });
        }
      }
      if (raw.sections !== undefined) walk(raw.sections, title && typeof raw.local !== 'string' ? [...parents, title] : parents);
    }
  };
  walk(items, []);
  return out;
}

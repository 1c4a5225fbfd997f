/**
 * Which kind of book a folder holds, and its chapters in reading order. Detection looks only at files, never runs
 * the book's code: `_toctree.yml` -> Hugging Face course, `index.md` with ```toc blocks -> d2l-book, Docusaurus
 * markers (site config, sidebars, `_category_.json`, MDX, `sidebar_position`) -> Docusaurus, else plain Markdown.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { firstH1, isDir, isFile, listMarkdown, readSource, str } from './book-files.js';
import { planD2l, tocEntries } from './d2l-toc.js';
import { docsRootOf, planDocusaurus } from './docusaurus.js';
import { planHfToctree } from './hf-toctree.js';
import { planPlainMarkdown } from './plain-markdown.js';
import type { BookPlan } from './types.js';

function findToctree(dir: string): string | null {
  return ['_toctree.yml', 'units/en/_toctree.yml', 'en/_toctree.yml', 'chapters/en/_toctree.yml'].map((p) => join(dir, p)).find(isFile) ?? null;
}

function looksDocusaurus(dir: string): boolean {
  if (['docusaurus.config.js', 'docusaurus.config.ts', 'sidebars.js', 'sidebars.ts'].some((f) => existsSync(join(dir, f)))) return true;
  const files = listMarkdown(dir);
  if (files.some((f) => f.endsWith('.mdx'))) return true;
  if (files.some((f) => existsSync(join(dir, f, '..', '_category_.json')))) return true;
  return files.slice(0, 50).some((f) => readSource(join(dir, f)).data.sidebar_position !== undefined);
}

/** Book title: site config, root `_category_.json` label, README/index h1, else the folder name. */
function bookTitle(dir: string): string {
  for (const cfg of ['docusaurus.config.ts', 'docusaurus.config.js']) {
    const p = join(dir, cfg);
    if (isFile(p)) {
      const m = /\btitle\s*:\s*(['"`])([^'"`]+)\1/.exec(readFileSync(p, 'utf8'));
      if (m) return m[2]!.trim();
    }
  }
  const cat = join(docsRootOf(dir), '_category_.json');
  if (isFile(cat)) {
    try {
      const label = str((JSON.parse(readFileSync(cat, 'utf8')) as Record<string, unknown>).label);
      if (label) return label;
    } catch {
      // unreadable category file: fall through
    }
  }
  for (const f of ['README.md', 'readme.md', 'index.md', 'index.mdx', 'intro.md']) {
    const p = join(dir, f);
    if (isFile(p)) {
      const h1 = firstH1(readSource(p).body);
      if (h1) return h1.replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, '').replace(/\s+/g, ' ').trim();
    }
  }
  return basename(dir);
}

export function planBook(dir: string): BookPlan {
  if (!isDir(dir)) throw new Error(`Not a folder: ${dir}`);
  const root = realpathSync(dir);
  const toctree = findToctree(root);
  if (toctree) {
    return { flavor: 'hf-course', title: bookTitle(root), root, chapters: planHfToctree(root, toctree), labels: new Map() };
  }
  if (isFile(join(root, 'index.md')) && tocEntries(readSource(join(root, 'index.md')).body).length > 0) {
    const d2l = planD2l(root);
    return { flavor: 'd2l', title: d2l.title, root, chapters: d2l.chapters, labels: d2l.labels };
  }
  if (looksDocusaurus(root)) return { flavor: 'docusaurus', title: bookTitle(root), root, chapters: planDocusaurus(root), labels: new Map() };
  return { flavor: 'markdown', title: bookTitle(root), root, chapters: planPlainMarkdown(root), labels: new Map() };
}

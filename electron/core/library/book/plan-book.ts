/**
 * Which kind of book a folder holds, and its chapters in reading order. Detection looks only at files, never runs
 * the book's code: `_toctree.yml` -> Hugging Face course, `index.md` with ```toc blocks -> d2l-book, Docusaurus
 * markers (site config, sidebars, `_category_.json`, MDX, `sidebar_position`) -> Docusaurus, else plain Markdown.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_IMPORT_LIMITS } from '../import-limits.js';
import { firstH1, isDir, isFile, str } from './book-files.js';
import { BookReader } from './book-reader.js';
import { planD2l, tocEntries } from './d2l-toc.js';
import { locateSite, planSite } from './docusaurus/plan-site.js';
import { planHfToctree } from './hf-toctree.js';
import { planPlainMarkdown } from './plain-markdown.js';
import { SIDEBAR_FILES } from './docusaurus/sidebars.js';
import { findConfigFile } from './docusaurus/site-config.js';
import type { BookPlan, PlanReport } from './types.js';

function findToctree(dir: string): string | null {
  return ['_toctree.yml', 'units/en/_toctree.yml', 'en/_toctree.yml', 'chapters/en/_toctree.yml'].map((p) => join(dir, p)).find(isFile) ?? null;
}

function looksDocusaurus(book: BookReader): boolean {
  const dir = book.root;
  if (locateSite(dir).siteDir !== dir || findConfigFile(dir) || SIDEBAR_FILES.some((f) => existsSync(join(dir, f)))) return true;
  const files = book.listMarkdown(dir);
  if (files.some((f) => f.endsWith('.mdx'))) return true;
  if (files.some((f) => existsSync(join(dir, f, '..', '_category_.json')))) return true;
  return files.slice(0, 50).some((f) => book.readSource(join(dir, f))?.data.sidebar_position !== undefined);
}

/** Book title (a Docusaurus site's config title comes first, see plan-site): root `_category_.json` label, README/index h1, else the folder name. */
function bookTitle(book: BookReader): string {
  const dir = book.root;
  const cat = [join(dir, 'docs', '_category_.json'), join(dir, '_category_.json')].find(isFile);
  if (cat) {
    try {
      const label = str((JSON.parse(book.read(cat) ?? '{}') as Record<string, unknown>).label);
      if (label) return label;
    } catch {
      // unreadable category file: fall through
    }
  }
  for (const f of ['README.md', 'readme.md', 'index.md', 'index.mdx', 'intro.md']) {
    const p = join(dir, f);
    if (isFile(p)) {
      const h1 = firstH1(book.readSource(p)?.body ?? '');
      if (h1) return h1.replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, '').replace(/\s+/g, ' ').trim();
    }
  }
  return basename(dir);
}

/**
 * Reads the book folder (see BookReader for what it refuses) and orders its chapters; never runs the book's code.
 * One folder is one book, except a Docusaurus site with several docs plugin instances: one book per instance, the
 * first being the main one.
 */
export function planBooks(dir: string, maxFileBytes = DEFAULT_IMPORT_LIMITS.maxFileBytes): BookPlan[] {
  if (!isDir(dir)) throw new Error(`Not a folder: ${dir}`);
  const book = new BookReader(realpathSync(dir), maxFileBytes);
  const root = book.root;
  const plan = (flavor: BookPlan['flavor'], title: string, chapters: BookPlan['chapters'], order: string, labels: BookPlan['labels'] = new Map()): BookPlan[] => {
    const report: PlanReport = { order, notes: [], notInSidebar: [], excluded: [], warnings: [] };
    return [{ flavor, title, root, dir: root, chapters, labels, skipped: book.skipped(), report }];
  };
  const toctree = findToctree(root);
  if (toctree) {
    // A toctree we cannot use still marks a course: its pages are kept, in folder order.
    const fromToctree = planHfToctree(book, toctree);
    const rel = toctree.slice(root.length + 1);
    return fromToctree
      ? plan('hf-course', bookTitle(book), fromToctree, rel)
      : plan('hf-course', bookTitle(book), planPlainMarkdown(book), `folders (${rel} could not be used)`);
  }
  const index = isFile(join(root, 'index.md')) ? book.readSource(join(root, 'index.md')) : null;
  if (index && tocEntries(index.body).length > 0) {
    const d2l = planD2l(book, index);
    return plan('d2l', d2l.title, d2l.chapters, 'index.md table of contents', d2l.labels);
  }
  if (looksDocusaurus(book)) return planSite(root, maxFileBytes, bookTitle);
  return plan('markdown', bookTitle(book), planPlainMarkdown(book), 'folders and file names');
}

/** The main book of a folder (see planBooks). */
export function planBook(dir: string, maxFileBytes = DEFAULT_IMPORT_LIMITS.maxFileBytes): BookPlan {
  return planBooks(dir, maxFileBytes)[0]!;
}

/** File-system helpers shared by the book planners. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import matter from 'gray-matter';

export const toPosix = (p: string) => p.split(sep).join('/');

const SKIP_DIRS = new Set(['node_modules', '.git', 'static', 'src', 'blog', 'i18n', 'build', '.docusaurus', 'img', 'images', 'assets']);

// Repository paperwork that sits beside a book's pages but is not part of the book.
const REPO_FILES = /^(license|licence|changelog|contributing|code_of_conduct|security|authors)([-_.].*)?\.mdx?$/i;

/** Markdown/MDX files under `dir` (recursively), relative to `dir`, skipping build and asset folders. */
export function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (/\.mdx?$/i.test(e.name) && !REPO_FILES.test(e.name)) out.push(toPosix(relative(dir, p)));
    }
  };
  walk(dir);
  return out.sort(byName);
}

/** Natural order: `2-x` before `10-x`. */
export function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export interface SourceFile {
  data: Record<string, unknown>;
  body: string;
}

/** Reads a page and splits off YAML front matter (never executed: gray-matter's JS engines are not enabled). */
export function readSource(path: string): SourceFile {
  const raw = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!raw.startsWith('---')) return { data: {}, body: raw };
  try {
    const parsed = matter(raw, { engines: { javascript: () => ({}), js: () => ({}) } as never });
    return { data: (parsed.data ?? {}) as Record<string, unknown>, body: parsed.content };
  } catch {
    return { data: {}, body: raw };
  }
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
export const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() && Number.isFinite(Number(v)) ? Number(v) : null;

/** First ATX or setext level-1 heading of a Markdown body, as plain text. */
export function firstH1(body: string): string | null {
  const m = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body) ?? /^(\S.*)\n=+[ \t]*$/m.exec(body);
  if (!m) return null;
  return cleanHeading(m[1]!);
}

/** Heading source -> display text: drops `[[anchor]]`, emphasis markers and link syntax. */
export function cleanHeading(s: string): string {
  return s
    .replace(/\s*\[\[[^\]]*\]\]\s*$/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[([]\*\*|\*\*[)\]]/g, '')
    .replace(/[*`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

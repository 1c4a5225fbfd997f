/** Helpers shared by the book planners: paths, ordering, front matter, titles. Files are read by BookReader. */
import { statSync } from 'node:fs';
import { sep } from 'node:path';
import matter from 'gray-matter';

export const toPosix = (p: string) => p.split(sep).join('/');

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

/** Splits a page's YAML front matter off its text (never executed: gray-matter's JS engines are not enabled). */
export function splitFrontMatter(text: string): SourceFile {
  const raw = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
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

/** First ATX or setext level-1 heading of a Markdown body, as plain text (a `# comment` in a code fence is code). */
export function firstH1(body: string): string | null {
  const prose = body.replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?(^[ \t]*\1[ \t]*$|(?![\s\S]))/gm, '');
  const m = /^#[ \t]+(.+?)[ \t#]*$/m.exec(prose) ?? /^(\S.*)\n=+[ \t]*$/m.exec(prose);
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

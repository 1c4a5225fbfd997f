/**
 * The docs of one Docusaurus docs folder, with the metadata Docusaurus derives for each: id (folders and file name
 * without number prefixes, or front-matter `id`), slug, title, sidebar label and position. Files the site's build
 * leaves out (the `exclude` globs: `_` partials, tests; drafts) are returned apart, with the reason.
 */
import { join, posix } from 'node:path';
import { minimatch } from 'minimatch';
import { firstH1, num, str, type SourceFile } from '../book-files.js';
import type { BookReader } from '../book-reader.js';
import type { ImportProblem } from '../../../contract.js';
import { parseNumberPrefix, stripPathPrefixes } from './number-prefix.js';
import type { DocsInstance, MarkdownFormat } from './site-config.js';

export interface Doc {
  /** Relative to the docs folder. */
  path: string;
  id: string;
  /** Folder of the file relative to the docs folder ('.' at its top), as Docusaurus' `sourceDirName`. */
  dirName: string;
  source: SourceFile;
  /** Front-matter `title`. */
  fmTitle: string | null;
  /** The page has a level-1 heading of its own (Docusaurus' content title). */
  hasH1: boolean;
  /** Docusaurus' title: heading, else the id's last part. */
  title: string;
  sidebarLabel: string | null;
  /** `sidebar_position`, else the file's number prefix. */
  position: number | undefined;
  /** URL path under the route base, '/'-rooted. */
  slug: string;
  /** index.md, README.md or `<folder>/<folder>.md`. */
  isIndex: boolean;
  format: 'mdx' | 'md';
}

export interface LoadedDocs {
  docs: Doc[];
  excluded: ImportProblem[];
}

const globOpts = { dot: true, nocomment: true, nonegate: true } as const;

/**
 * `prefix`: book-relative path of the docs folder + '/', for the report's file names. `wholeFolder`: a site's docs
 * folder, where every folder and file is a page; false for a loose folder that only looks like Docusaurus docs,
 * where build and asset folders and repository paperwork (LICENSE, CHANGELOG) are passed over as elsewhere.
 */
export function loadDocs(book: BookReader, docsDir: string, inst: DocsInstance, format: MarkdownFormat, prefix: string, wholeFolder: boolean): LoadedDocs {
  const excluded: ImportProblem[] = [];
  const docs: Doc[] = [];
  for (const path of book.listMarkdown(docsDir, { allFolders: wholeFolder })) {
    if (!inst.include.some((g) => minimatch(path, g, globOpts))) {
      excluded.push({ file: prefix + path, reason: "not matched by the site's include patterns" });
      continue;
    }
    const pattern = inst.exclude.find((g) => minimatch(path, g, globOpts));
    if (pattern) {
      excluded.push({ file: prefix + path, reason: exclusionReason(path, pattern) });
      continue;
    }
    const source = book.readSource(join(docsDir, path));
    if (!source) continue;
    if (source.data.draft === true) {
      excluded.push({ file: prefix + path, reason: 'it is a draft (draft: true), left out of built sites' });
      continue;
    }
    docs.push(docOf(path, source, inst, format));
  }
  return { docs, excluded };
}

function exclusionReason(path: string, pattern: string): string {
  if (/\.test\.|(^|\/)__tests__\//.test(path)) return `a test file (exclude pattern ${pattern})`;
  if (path.split('/').some((s) => s.startsWith('_'))) return `a partial or private file (names starting with _ are not pages; exclude pattern ${pattern})`;
  return `the site's exclude pattern ${pattern}`;
}

function docOf(path: string, source: SourceFile, inst: DocsInstance, format: MarkdownFormat): Doc {
  const fm = source.data;
  // Front matter can turn prefix parsing off for one page.
  const prefixes = inst.numberPrefixes && fm.parse_number_prefixes !== false;
  const dirName = posix.dirname(path);
  const fileName = posix.basename(path).replace(/\.mdx?$/i, '');
  const { name, prefix } = parseNumberPrefix(fileName, prefixes);
  const baseId = str(fm.id) ?? name;
  const dirId = dirName === '.' ? '' : stripPathPrefixes(dirName, prefixes);
  const id = dirId ? `${dirId}/${baseId}` : baseId;
  const parentFolder = dirName === '.' ? undefined : posix.basename(dirName).toLowerCase();
  const isIndex = ['index', 'readme', parentFolder].includes(fileName.toLowerCase());
  const fmTitle = str(fm.title);
  const h1 = firstH1(source.body);
  return {
    path,
    id,
    dirName,
    source,
    fmTitle,
    hasH1: h1 !== null,
    title: fmTitle ?? h1 ?? baseId,
    sidebarLabel: str(fm.sidebar_label),
    position: num(fm.sidebar_position) ?? prefix,
    slug: slugOf(fm.slug, dirId, baseId, isIndex),
    isIndex,
    format: format === 'detect' ? (/\.mdx$/i.test(path) ? 'mdx' : 'md') : format === 'md' ? 'md' : 'mdx',
  };
}

/** Docusaurus' slug rule: front-matter slug (absolute, or relative to the folder), else folder + id; index pages take the folder's. */
function slugOf(fmSlug: unknown, dirId: string, baseId: string, isIndex: boolean): string {
  const dirSlug = `/${dirId}`;
  const slug = str(fmSlug);
  const joined = slug !== null ? (slug.startsWith('/') ? slug : posix.join(dirSlug, slug)) : isIndex ? dirSlug : posix.join(dirSlug, baseId);
  return posix.normalize(joined).replace(/\/+$/, '') || '/';
}

/**
 * A Docusaurus site as books: one per docs plugin instance (the first is the main book). The folder chosen may be
 * the site or its docs folder (then the site around it is read, and only that docs folder is the book). Docs that
 * live outside the site (`path: '../docs'`) are read only inside the repository holding the site; the book's
 * root then widens to that repository so the pages' images and the static folders stay servable.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { isInside } from '../../../hosting/safe-path.js';
import { isDir, toPosix } from '../book-files.js';
import { BookReader } from '../book-reader.js';
import type { BookPlan, PlanReport } from '../types.js';
import { planDocs } from './plan-docs.js';
import { SIDEBAR_FILES } from './sidebars.js';
import { defaultSiteConfig, findConfigFile, readSiteConfig, type DocsInstance, type SiteConfig } from './site-config.js';

export interface SiteLocation {
  /** Real path of the site folder. */
  siteDir: string;
  /** The chosen folder is the site's docs folder, not the site. */
  docsChosen: boolean;
}

/** Where the site is for a chosen folder: the folder itself, or its parent when that holds the config. */
export function locateSite(chosen: string): SiteLocation {
  if (findConfigFile(chosen)) return { siteDir: chosen, docsChosen: false };
  const parent = dirname(chosen);
  if (parent !== chosen && findConfigFile(parent)) return { siteDir: parent, docsChosen: true };
  return { siteDir: chosen, docsChosen: false };
}

/**
 * The project the site belongs to: the nearest folder at or above it holding `.git`, else (a repository downloaded
 * as a ZIP has no `.git`) the nearest folder above it holding `package.json`. Never the home folder or the
 * filesystem root: a book's config must not reach the user's other files.
 */
function repositoryOf(dir: string): string | null {
  const tooWide = (d: string) => d === homedir() || dirname(d) === d;
  for (let d = dir; !tooWide(d); d = dirname(d)) if (existsSync(join(d, '.git'))) return d;
  for (let d = dirname(dir); !tooWide(d); d = dirname(d)) if (existsSync(join(d, 'package.json'))) return d;
  return null;
}

const humanize = (s: string) => {
  const t = s.replace(/[-_/]+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/**
 * `fallbackTitle`: the book title when the config gives none. Chapters of each plan are relative to its root.
 */
export function planSite(chosen: string, maxFileBytes: number, fallbackTitle: (book: BookReader) => string): BookPlan[] {
  const { siteDir, docsChosen } = locateSite(chosen);
  const siteBook = new BookReader(siteDir, maxFileBytes);
  const config: SiteConfig = findConfigFile(siteDir) ? readSiteConfig(siteBook, siteDir) : defaultSiteConfig();
  if (!findConfigFile(siteDir)) {
    // No config: the folder is the docs, unless it looks like a site around a `docs/` folder.
    const site = SIDEBAR_FILES.some((f) => existsSync(join(siteDir, f)));
    config.instances = [{ ...config.instances[0]!, path: site && isDir(join(siteDir, 'docs')) ? 'docs' : '.' }];
  }
  // Versioned docs: the site shows its last released version by default; the reader reads the docs folder itself.
  const versions = config.instances.map((i) => (i.id === 'default' ? 'versions.json' : `${i.id}_versions.json`)).filter((f) => existsSync(join(siteDir, f)));
  if (versions.length > 0) config.notes.push(`The site has versioned docs (${versions.join(', ')}); the current docs folder was read, not the released versions.`);
  let instances = config.instances;
  if (docsChosen) {
    const mine = instances.filter((i) => sameDir(join(siteDir, i.path), chosen));
    instances = mine.length > 0 ? mine.slice(0, 1) : [{ ...instances[0]!, path: toPosix(relative(siteDir, chosen)) }];
  }
  const siteTitle = config.title ?? fallbackTitle(siteBook);
  const readers = new Map<string, BookReader>([[siteDir, siteBook]]);
  const readerFor = (root: string) => readers.get(root) ?? readers.set(root, new BookReader(root, maxFileBytes)).get(root)!;

  return instances.map((inst, i): BookPlan => {
    const title = i === 0 ? siteTitle : `${siteTitle}: ${humanize(inst.routeBasePath || inst.id)}`;
    const plan = (root: string, chapters: BookPlan['chapters'], report: PlanReport, docsDir: string): BookPlan => ({
      flavor: 'docusaurus',
      title,
      root,
      dir: chosen,
      ...(i > 0 ? { instanceId: inst.id } : {}),
      site: {
        markdownFormat: config.markdownFormat,
        mermaid: config.mermaid,
        staticDirs: staticDirsOf(siteDir, root, config),
        routeBasePath: inst.routeBasePath,
        docsDir,
        instanceId: inst.id,
      },
      chapters,
      labels: new Map(),
      // Files the site reader refused (config, sidebars) are named relative to this book's root like the rest.
      skipped: [...new Map([...siteBook.skipped().map((s) => ({ ...s, file: toPosix(relative(root, join(siteDir, s.file))) })), ...(root === siteDir ? [] : readerFor(root).skipped())].map((s) => [s.file, s])).values()],
      report: { ...report, notes: [...config.notes, ...report.notes] },
    });
    const located = rootFor(siteDir, inst);
    if ('reason' in located) {
      const docsDir = join(siteDir, inst.path);
      if (lstatSync(docsDir, { throwIfNoEntry: false })?.isSymbolicLink()) siteBook.refuse(docsDir, 'it is a symbolic link to a folder outside the book (not followed)');
      return plan(siteDir, [], { order: 'none', notes: [located.reason], notInSidebar: [], excluded: [], warnings: [located.reason] }, inst.path);
    }
    const { root, docsDir } = located;
    const rel = toPosix(relative(root, docsDir));
    const prefix = rel ? `${rel}/` : '';
    const docs = planDocs({ book: readerFor(root), siteDir, docsDir, prefix, inst, config });
    return { ...plan(root, docs.chapters, docs.report, rel || '.'), tocLinks: docs.tocLinks };
  });
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The folder an instance's pages are read under: the site, or the repository holding site and docs. */
function rootFor(siteDir: string, inst: DocsInstance): { root: string; docsDir: string } | { reason: string } {
  const docsDir = join(siteDir, inst.path);
  let real: string;
  try {
    real = realpathSync(docsDir);
  } catch {
    return { reason: `The docs folder ${inst.path} (docs plugin "${inst.id}") does not exist.` };
  }
  if (!isDir(real)) return { reason: `The docs path ${inst.path} (docs plugin "${inst.id}") is not a folder.` };
  if (isInside(siteDir, real)) return { root: siteDir, docsDir: isInside(siteDir, docsDir) ? docsDir : real };
  const repo = repositoryOf(siteDir);
  if (repo && isInside(repo, real)) return { root: repo, docsDir: real };
  return { reason: `The docs folder ${inst.path} (docs plugin "${inst.id}") is outside the site${repo ? "'s repository" : ' and the site is in no repository or project folder (one holding .git or package.json)'}; its pages were not read.` };
}

/** The config's static folders that exist, relative to the book root (folders outside it cannot be served). */
function staticDirsOf(siteDir: string, root: string, config: SiteConfig): string[] {
  return config.staticDirs
    .map((d) => join(siteDir, d))
    .filter((d) => isDir(d) && isInside(root, d))
    .map((d) => toPosix(relative(root, d)) || '.');
}

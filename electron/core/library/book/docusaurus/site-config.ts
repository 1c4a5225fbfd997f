/**
 * What a Docusaurus site's config says about reading its docs, read statically (see static-eval.ts): site title,
 * `markdown.format`, mermaid, `staticDirectories` and the options of every docs plugin instance (the classic
 * preset's `docs` and each `@docusaurus/plugin-content-docs`). Whatever cannot be read keeps Docusaurus' default,
 * and `notes` says which and why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BookReader } from '../book-reader.js';
import { evaluateModule, isObject, Unknown, type StaticObject, type StaticValue } from './static-eval.js';

export const CONFIG_FILES = ['docusaurus.config.ts', 'docusaurus.config.js', 'docusaurus.config.mjs', 'docusaurus.config.cjs'];

export type MarkdownFormat = 'mdx' | 'md' | 'detect';

export interface DocsInstance {
  /** Plugin id ('default' unless the config names it). */
  id: string;
  /** Docs folder, relative to the site folder as written (may start with `../`). */
  path: string;
  routeBasePath: string;
  /** The sidebars file as written; false: sidebars disabled; null: not given (Docusaurus autogenerates one). */
  sidebarPath: string | false | null;
  include: string[];
  exclude: string[];
  numberPrefixes: boolean;
}

export interface SiteConfig {
  /** Config file name, or null when the site has none. */
  file: string | null;
  /** False when the config exists but could not be read at all (every option is a default). */
  read: boolean;
  title: string | null;
  markdownFormat: MarkdownFormat;
  mermaid: boolean;
  /** As written in the config, relative to the site folder. */
  staticDirs: string[];
  /** `trailingSlash: true`: page URLs end in `/`, so relative links resolve inside the page's own path. */
  trailingSlash: boolean;
  instances: DocsInstance[];
  /** The config names its docs (classic preset or docs plugin); false: the usual docs folder is assumed. */
  declaresDocs: boolean;
  notes: string[];
}

// Docusaurus' defaults for the docs plugin (facts from its documentation).
export const DEFAULT_INCLUDE = ['**/*.{md,mdx}'];
export const DEFAULT_EXCLUDE = ['**/_*.{js,jsx,ts,tsx,md,mdx}', '**/_*/**', '**/*.test.{js,jsx,ts,tsx}', '**/__tests__/**'];

const defaultInstance = (): DocsInstance => ({ id: 'default', path: 'docs', routeBasePath: 'docs', sidebarPath: null, include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, numberPrefixes: true });

export function defaultSiteConfig(file: string | null = null, notes: string[] = []): SiteConfig {
  return { file, read: file === null, title: null, markdownFormat: 'mdx', mermaid: false, staticDirs: ['static'], trailingSlash: false, instances: [defaultInstance()], declaresDocs: false, notes };
}

export function findConfigFile(siteDir: string): string | null {
  return CONFIG_FILES.find((f) => existsSync(join(siteDir, f))) ?? null;
}

/** JSON files a config or sidebars file `require`s, read under the book's rules. */
export function jsonReader(book: BookReader, fromDir: string): (spec: string) => unknown {
  return (spec) => {
    if (!spec.startsWith('.')) return undefined;
    const path = join(fromDir, spec.endsWith('.json') ? spec : `${spec}.json`);
    if (!existsSync(path)) return undefined;
    const text = book.read(path);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
}

export function readSiteConfig(book: BookReader, siteDir: string): SiteConfig {
  const file = findConfigFile(siteDir);
  if (!file) return defaultSiteConfig();
  const text = book.read(join(siteDir, file));
  if (text === null) return defaultSiteConfig(file, [`${file} could not be read; Docusaurus' defaults are used.`]);
  const result = evaluateModule(text, { readJson: jsonReader(book, siteDir) });
  if (!result.ok) return defaultSiteConfig(file, [`${file} could not be read statically (${result.reason}); Docusaurus' defaults are used.`]);
  if (!isObject(result.value)) return defaultSiteConfig(file, [`${file} does not export a plain object (${describe(result.value)}); Docusaurus' defaults are used.`]);
  return fromConfig(file, result.value);
}

function fromConfig(file: string, cfg: StaticObject): SiteConfig {
  const notes: string[] = [];
  const unread = (what: string, v: StaticValue | undefined) => {
    if (v instanceof Unknown) notes.push(`${file}: ${what} is computed (${v.reason}); the default is used.`);
  };
  const out = defaultSiteConfig(file);
  out.read = true;
  out.notes = notes;
  if (typeof cfg.title === 'string') out.title = cfg.title.trim() || null;
  else unread('the site title', cfg.title);
  out.trailingSlash = cfg.trailingSlash === true;
  unread('trailingSlash', cfg.trailingSlash);

  const markdown = cfg.markdown;
  if (isObject(markdown)) {
    const format = markdown.format;
    if (format === 'mdx' || format === 'md' || format === 'detect') out.markdownFormat = format;
    else unread('markdown.format', format);
    if (typeof markdown.mermaid === 'boolean') out.mermaid = markdown.mermaid;
    else unread('markdown.mermaid', markdown.mermaid);
  } else unread('markdown', markdown);

  const dirs = cfg.staticDirectories;
  if (Array.isArray(dirs) && dirs.every((d): d is string => typeof d === 'string')) out.staticDirs = dirs;
  else unread('staticDirectories', dirs);

  const instances: DocsInstance[] = [];
  const presets = cfg.presets;
  if (Array.isArray(presets)) {
    for (const p of presets) {
      const [name, options] = Array.isArray(p) ? [p[0], p[1]] : [p, undefined];
      if (name !== 'classic' && name !== '@docusaurus/preset-classic') {
        if (name instanceof Unknown) notes.push(`${file}: a preset is computed (${name.reason}); it is not read.`);
        continue;
      }
      if (!isObject(options)) {
        instances.push(defaultInstance());
        continue;
      }
      if (options.docs === false) continue;
      instances.push(readInstance(options.docs, 'the classic preset\'s docs options', notes, file));
    }
  } else {
    unread('presets', presets);
  }
  const plugins = cfg.plugins;
  if (Array.isArray(plugins)) {
    for (const p of plugins) {
      const [name, options] = Array.isArray(p) ? [p[0], p[1]] : [p, undefined];
      if (name === '@docusaurus/plugin-content-docs' || name === 'content-docs') {
        instances.push(readInstance(options, `a docs plugin's options`, notes, file));
      } else if (name instanceof Unknown && name.reason !== 'a function') {
        // An inline plugin function is the site's own code, never a docs plugin; anything else might be one.
        notes.push(`${file}: a plugin is computed (${name.reason}); if it is a docs plugin, its pages are not read.`);
      }
    }
  } else unread('plugins', plugins);
  // A config with neither a preset nor a docs plugin still has the usual docs folder as far as a reader goes.
  out.declaresDocs = instances.length > 0;
  out.instances = instances.length > 0 ? dedupeIds(instances) : [defaultInstance()];
  return out;
}

function readInstance(v: StaticValue | undefined, what: string, notes: string[], file: string): DocsInstance {
  const inst = defaultInstance();
  if (v === undefined) return inst;
  if (!isObject(v)) {
    notes.push(`${file}: ${what} are ${v instanceof Unknown ? `computed (${v.reason})` : 'not an object'}; the defaults are used.`);
    return inst;
  }
  const str = (key: string, set: (s: string) => void) => {
    const x = v[key];
    if (typeof x === 'string') set(x);
    else if (x instanceof Unknown) notes.push(`${file}: docs option ${key} is computed (${x.reason}); the default is used.`);
  };
  const list = (key: string, set: (s: string[]) => void) => {
    const x = v[key];
    if (Array.isArray(x) && x.every((s): s is string => typeof s === 'string')) set(x);
    else if (x !== undefined) notes.push(`${file}: docs option ${key} is not a plain list of strings; the default is used.`);
  };
  str('id', (s) => (inst.id = s));
  str('path', (s) => (inst.path = s));
  str('routeBasePath', (s) => (inst.routeBasePath = s.replace(/^\/+|\/+$/g, '')));
  if (v.sidebarPath === false) inst.sidebarPath = false;
  else str('sidebarPath', (s) => (inst.sidebarPath = s));
  list('include', (s) => (inst.include = s));
  list('exclude', (s) => (inst.exclude = s));
  if (v.numberPrefixParser === false) inst.numberPrefixes = false;
  else if (v.numberPrefixParser !== undefined) notes.push(`${file}: a custom numberPrefixParser cannot be run; Docusaurus' default rule is used.`);
  return inst;
}

/** Two instances with one id would be one book: later ones get a suffix (Docusaurus itself refuses such a config). */
function dedupeIds(instances: DocsInstance[]): DocsInstance[] {
  const seen = new Set<string>();
  return instances.map((inst) => {
    let id = inst.id;
    for (let n = 2; seen.has(id); n++) id = `${inst.id}-${n}`;
    seen.add(id);
    return { ...inst, id };
  });
}

const describe = (v: StaticValue) => (v instanceof Unknown ? v.reason : Array.isArray(v) ? 'a list' : typeof v);



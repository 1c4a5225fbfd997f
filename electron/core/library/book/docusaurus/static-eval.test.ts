import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CraftedBooks } from '../../../../../tests/fixtures/crafted-book.js';
import { BookReader } from '../book-reader.js';
import { readSiteConfig } from './site-config.js';
import { readSidebarsFile } from './sidebars.js';
import { evaluateModule, Unknown, type StaticValue } from './static-eval.js';

const crafted = new CraftedBooks();
const site = (files: Record<string, string>): string => crafted.folder(files, 'reader-config-');
afterEach(() => {
  crafted.cleanup();
});

const value = (src: string): StaticValue => {
  const r = evaluateModule(src);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('static evaluator', () => {
  it('folds literals, TS casts, template strings without expressions, spreads of local constants and exponent numbers', () => {
    const src = `
      import type { Config } from '@docusaurus/types';
      const base = ['a', 'b'] as const;
      const extra = { depth: 1e3, neg: -2 };
      const config: Config = { title: \`My \\u0042ook\`, list: [...base, 'c'], ...extra, 'quoted-key': true, 7: null } satisfies Config;
      export default config;`;
    expect(value(src)).toEqual({ title: 'My Book', list: ['a', 'b', 'c'], depth: 1000, neg: -2, 'quoted-key': true, '7': null });
  });

  it('reads module.exports, export =, and a config written as a (async) function returning an object', () => {
    expect(value("module.exports = { title: 'A' };")).toEqual({ title: 'A' });
    expect(value("const c = { title: 'B' }; export = c;")).toEqual({ title: 'B' });
    expect(value("export default async function createConfig() { const t = 'C'; return { title: t }; }")).toEqual({ title: 'C' });
    expect(value("module.exports = () => ({ title: 'D' });")).toEqual({ title: 'D' });
  });

  it('marks computed parts Unknown (with the reason) and keeps the rest', () => {
    const v = value("const prism = require('prism-react-renderer'); module.exports = { title: 'T', theme: prism.themes.github, url: process.env.URL, run: fn(), tpl: `${process.exit(1)}` };");
    expect(v).toMatchObject({ title: 'T' });
    const o = v as Record<string, StaticValue>;
    for (const k of ['theme', 'url', 'run', 'tpl']) expect(o[k]).toBeInstanceOf(Unknown);
    expect((o.run as Unknown).reason).toContain('fn');
  });

  it('survives hostile input: parse errors, deep nesting, self-reference, huge files', () => {
    expect(evaluateModule('module.exports = { a: [ }').ok).toBe(false);
    expect(evaluateModule(`module.exports = ${'['.repeat(100_000)}${']'.repeat(100_000)};`)).toMatchObject({ ok: false });
    expect(value('const a = [...a]; module.exports = { a };')).toEqual({ a: [expect.any(Unknown)] });
    expect(evaluateModule(`module.exports = "${'x'.repeat(2_100_000)}";`)).toMatchObject({ ok: false, reason: expect.stringContaining('larger') });
    expect(evaluateModule('const x = 1;')).toMatchObject({ ok: false, reason: expect.stringContaining('exports nothing') });
  });
});

describe('site config', () => {
  it('reads title, markdown options, static folders and every docs instance with their options', () => {
    const dir = site({
      'docusaurus.config.ts': `
        import type {Config} from '@docusaurus/types';
        const config: Config = {
          title: 'Robot Course',
          markdown: { format: 'detect', mermaid: true },
          staticDirectories: ['public', 'static'],
          presets: [['classic', { docs: { path: 'lessons', routeBasePath: '/', sidebarPath: require.resolve('./sidebars.js'), exclude: ['**/drafts/**'] }, blog: false }]],
          plugins: [['@docusaurus/plugin-content-docs', { id: 'labs', path: '../labs', routeBasePath: 'labs', numberPrefixParser: false }], 'some-other-plugin', function localPlugin() { return { name: 'local' }; }],
        };
        export default config;`,
    });
    const cfg = readSiteConfig(new BookReader(dir, 1e6), dir);
    expect(cfg).toMatchObject({ title: 'Robot Course', markdownFormat: 'detect', mermaid: true, staticDirs: ['public', 'static'], notes: [] });
    expect(cfg.instances).toEqual([
      expect.objectContaining({ id: 'default', path: 'lessons', routeBasePath: '', sidebarPath: './sidebars.js', exclude: ['**/drafts/**'], numberPrefixes: true }),
      expect.objectContaining({ id: 'labs', path: '../labs', routeBasePath: 'labs', sidebarPath: null, numberPrefixes: false }),
    ]);
  });

  it('falls back to defaults with a note saying which and why', () => {
    const computed = site({ 'docusaurus.config.js': "module.exports = { title: getTitle(), presets: [['classic', { docs: { path: pick() } }]], plugins: [require('./local-docs.js')] };" });
    const cfg = readSiteConfig(new BookReader(computed, 1e6), computed);
    expect(cfg.title).toBeNull();
    expect(cfg.instances[0]!.path).toBe('docs');
    expect(cfg.notes.join('\n')).toMatch(/site title is computed.*getTitle/);
    expect(cfg.notes.join('\n')).toMatch(/path is computed.*pick/);
    expect(cfg.notes.join('\n')).toMatch(/a plugin is computed.*local-docs/);
    const broken = site({ 'docusaurus.config.js': 'module.exports = {{{' });
    const b = readSiteConfig(new BookReader(broken, 1e6), broken);
    expect(b).toMatchObject({ read: false, markdownFormat: 'mdx', staticDirs: ['static'] });
    expect(b.notes[0]).toMatch(/could not be read statically.*defaults are used/);
  });
});

describe('sidebars files', () => {
  it('reads every sidebar in file order, all item kinds, shorthand categories and required JSON', () => {
    const dir = site({
      'extra.json': JSON.stringify(['ref-a', { type: 'link', label: 'Home', href: 'https://example.org' }]),
      'sidebars.js': `
        const shared = ['s1', 's2'];
        module.exports = {
          guide: ['intro', { type: 'category', label: 'Part 1: Basics', link: { type: 'doc', id: 'basics/index' }, collapsed: false, items: [...shared, { type: 'autogenerated', dirName: './basics/more/' }] }, { type: 'html', value: '<hr/>' }],
          api: { 'Shorthand \\u00e9': ['x', { type: 'ref', id: 'y', label: 'Why' }], Other: require('./extra.json') },
        };`,
    });
    const r = readSidebarsFile(new BookReader(dir, 1e6), join(dir, 'sidebars.js'));
    expect(r).toEqual({
      ok: true,
      sidebars: [
        { name: 'guide', items: [
          { kind: 'doc', id: 'intro', label: null },
          { kind: 'category', label: 'Part 1: Basics', linkDocId: 'basics/index', items: [{ kind: 'doc', id: 's1', label: null }, { kind: 'doc', id: 's2', label: null }, { kind: 'autogenerated', dirName: './basics/more/' }] },
          { kind: 'html' },
        ] },
        { name: 'api', items: [
          { kind: 'category', label: 'Shorthand é', linkDocId: null, items: [{ kind: 'doc', id: 'x', label: null }, { kind: 'doc', id: 'y', label: 'Why' }] },
          { kind: 'category', label: 'Other', linkDocId: null, items: [{ kind: 'doc', id: 'ref-a', label: null }, { kind: 'link', label: 'Home', href: 'https://example.org' }] },
        ] },
      ],
    });
  });

  it('reads YAML and JSON sidebars, and refuses a JSON file outside the book', () => {
    const dir = site({ 'sidebars.yml': "main:\n  - intro\n  - type: category\n    label: 'Part 2: More'\n    items: [a, b]\n", 'sidebars.json': '{"s": ["one"]}' });
    const book = new BookReader(dir, 1e6);
    expect(readSidebarsFile(book, join(dir, 'sidebars.yml'))).toMatchObject({ ok: true, sidebars: [{ name: 'main', items: [{ id: 'intro' }, { label: 'Part 2: More', items: [{ id: 'a' }, { id: 'b' }] }] }] });
    expect(readSidebarsFile(book, join(dir, 'sidebars.json'))).toMatchObject({ ok: true, sidebars: [{ name: 's', items: [{ id: 'one' }] }] });
    const outside = site({ 'secret.json': '["leak"]' });
    const inner = site({ 'sidebars.js': `module.exports = { s: require(${JSON.stringify(join('..', outside.split('/').pop()!, 'secret.json'))}) };` });
    const r = readSidebarsFile(new BookReader(inner, 1e6), join(inner, 'sidebars.js'));
    expect(r).toMatchObject({ ok: true, sidebars: [{ name: 's', items: [{ kind: 'unreadable' }] }] });
  });
});

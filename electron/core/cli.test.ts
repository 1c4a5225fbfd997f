/** The `reader` CLI contract, run as a real process (tsx) against a temp data dir. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from './cli/commands.js';
import { runCli } from './cli/run-cli.js';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
let base: string;
let data: string;
let book: string;

function reader(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(TSX, ['electron/core/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, READER_DATA_DIR: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'reader-cli-'));
  data = join(base, 'data');
  book = join(base, 'my book');
  mkdirSync(join(book, 'part'), { recursive: true });
  writeFileSync(join(book, 'README.md'), '# Field Notes\n\nOverview of the notes.\n');
  writeFileSync(join(book, 'part', '_category_.json'), JSON.stringify({ label: 'Part One', position: 1 }));
  writeFileSync(join(book, 'part', 'gait.mdx'), "import X from './x';\n\n# Walking gaits\n\n<Tip>Keep the **zero moment point** inside the support polygon.</Tip>\n\n:::note Balance\nCentre of mass matters.\n:::\n");
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Runs the CLI's parse path in this process, capturing what it prints. */
async function readerInProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('reader CLI parsing (one path for every command)', () => {
  it.each(commands.map((c) => c.name))('%s --help prints its usage and exits 0', async (name) => {
    for (const flag of ['--help', '-h']) {
      const r = await readerInProcess([name, flag]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: reader ${name}\\b`));
      expect(r.err).toBe('');
    }
  });

  it.each(commands.map((c) => c.name))('%s refuses an unknown option with exit 2 and its usage', async (name) => {
    const r = await readerInProcess([name, '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/Unknown option '--no-such-option'/);
    expect(r.err).toContain(`Usage: reader ${name}`);
  });

  it('refuses a value an option schema rejects, before running anything', async () => {
    const r = await readerInProcess(['ask', '--book', '/nowhere', '--k', 'many', 'q']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: reader ask');
  });

  it('index and ask answer --help as real processes too (they used to exit 2)', () => {
    for (const name of ['index', 'ask']) {
      const r = reader([name, '--help']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`Usage: reader ${name}`);
    }
  });
});

describe('reader CLI', () => {
  it('prints help listing the commands', () => {
    const r = reader(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['import', 'list', 'toc', 'text']) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('imports a folder, then lists it with its chapter count', () => {
    const imp = reader(['import', book, '--data', data]);
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toMatch(/Imported "Field Notes" .*: 2 chapters; 2 added/);
    const list = reader(['list', '--json', '--data', data]);
    expect(list.code, list.err).toBe(0);
    const books = JSON.parse(list.out) as { title: string; chapterCount: number; bundled: boolean }[];
    expect(books.find((b) => b.title === 'Field Notes')).toMatchObject({ chapterCount: 2, bundled: false });
    // The bundled book is there too, as in the app.
    expect(books.some((b) => b.bundled)).toBe(true);
  });

  it('prints the table of contents as JSON with files relative to the book folder', () => {
    const r = reader(['toc', book, '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    const toc = JSON.parse(r.out) as { file: string; title: string; depth: number }[];
    expect(toc.map(({ file, title, depth }) => ({ file, title, depth }))).toEqual([
      { file: 'README.md', title: 'Field Notes', depth: 0 },
      { file: 'part/gait.mdx', title: 'Walking gaits', depth: 1 },
    ]);
  });

  it('prints a chapter as rendered plain text', () => {
    const r = reader(['text', book, 'part/gait.mdx', '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Keep the zero moment point inside the support polygon.');
    expect(r.out).toContain('Centre of mass matters.');
    expect(r.out).not.toMatch(/<Tip>|:::|\*\*|import X/);
  });

  it('takes the data dir from READER_DATA_DIR', () => {
    const r = reader(['list', '--json'], { READER_DATA_DIR: data });
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { title: string }[]).some((b) => b.title === 'Field Notes')).toBe(true);
  });

  it('fails clearly on bad input', () => {
    const missingArg = reader(['toc', '--data', data]);
    expect(missingArg.code).toBe(2);
    expect(missingArg.err).toContain('expected exactly one book folder');
    expect(reader(['frobnicate']).code).toBe(2);
    const badOption = reader(['list', '--colour', '--data', data]);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/Unknown option/);
    const noFile = reader(['text', book, 'nope.md', '--data', data]);
    expect(noFile.code).toBe(1);
    expect(noFile.err).toContain('No chapter "nope.md"');
    const noDir = reader(['import', join(base, 'does-not-exist'), '--data', data]);
    expect(noDir.code).toBe(1);
    expect(noDir.err).toContain('Not a folder');
  });

  it('names the files an import skipped, and refuses a malformed READER_MAX_CHAPTER_BYTES as bad usage', () => {
    const small = join(base, 'small book');
    mkdirSync(small, { recursive: true });
    writeFileSync(join(small, 'a.md'), '# A\n\nShort.\n');
    writeFileSync(join(small, 'b.md'), `# B\n\n${'long '.repeat(50)}\n`);
    const imp = reader(['import', small, '--data', data], { READER_MAX_CHAPTER_BYTES: '100' });
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toMatch(/1 chapters; 1 added/);
    expect(imp.out).toContain('skipped b.md: it is larger than the 100-byte limit');
    // A bad environment is bad usage: the variable is named, without a stack trace.
    const bad = reader(['import', small, '--data', data], { READER_MAX_CHAPTER_BYTES: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('READER_MAX_CHAPTER_BYTES');
    expect(bad.err).not.toMatch(/\n\s+at /);
  });
});

const problem = z.object({ file: z.string(), reason: z.string() }).strict();
const located = z.object({ file: z.string(), target: z.string() }).strict();
/** The stable shape of `reader check --json`. */
const CheckJson = z
  .object({
    ok: z.literal(true),
    books: z.array(
      z
        .object({
          title: z.string(),
          flavor: z.string(),
          chapterCount: z.number().int(),
          counts: z
            .object(Object.fromEntries(['warnings', 'notInSidebar', 'excluded', 'mdxFallbacks', 'unknownComponents', 'unresolvedLinks', 'unresolvedImages', 'skipped', 'failed'].map((k) => [k, z.number().int().min(0)])))
            .strict(),
          skipped: z.array(problem),
          failed: z.array(problem),
          report: z
            .object({
              order: z.string(),
              notes: z.array(z.string()),
              notInSidebar: z.array(z.string()),
              excluded: z.array(problem),
              mdxFallbacks: z.array(problem),
              unknownComponents: z.array(z.object({ name: z.string(), files: z.array(z.string()) }).strict()),
              unresolvedLinks: z.array(located),
              unresolvedImages: z.array(located),
              warnings: z.array(z.string()),
            })
            .strict(),
        })
        .strict(),
    ).min(1),
  })
  .strict();

describe('reader check', () => {
  /** A private temp root for the CLI process, to see that the throwaway library is removed. */
  const checkTmp = () => mkdtempSync(join(base, 'tmp-'));

  it('reports a book as JSON of a stable shape, and leaves no library behind', () => {
    const tmp = checkTmp();
    const r = reader(['check', book, '--json', '--data', join(base, 'untouched')], { TMPDIR: tmp });
    expect(r.code, r.err).toBe(0);
    const out = CheckJson.parse(JSON.parse(r.out));
    expect(out.books[0]).toMatchObject({ title: 'Field Notes', flavor: 'docusaurus', chapterCount: 2, counts: { warnings: 0, skipped: 0, failed: 0 } });
    expect(out.books[0]!.counts.warnings).toBe(out.books[0]!.report.warnings.length);
    expect(readdirSync(tmp).filter((f) => f.startsWith('reader-check-'))).toEqual([]);
    expect(existsSync(join(base, 'untouched'))).toBe(false);
  });

  it('warns, with exit 0, about one chapter from a folder of many pages', () => {
    const one = join(base, 'one of many');
    mkdirSync(one);
    writeFileSync(join(one, 'index.md'), '# Shelf\n\n```toc\n:maxdepth: 1\n\nlisted\n```\n');
    writeFileSync(join(one, 'listed.md'), '# Listed\n\nIn the table of contents.\n');
    for (const n of ['x', 'y', 'z']) writeFileSync(join(one, `${n}.md`), `# Page ${n}\n\nNot listed.\n`);
    const text = reader(['check', one]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^"Shelf" \(d2l\): 1 chapter; 1 warning$/m);
    expect(text.out).toMatch(/^  warnings: 1\n    - Only 1 chapter was imported, but the folder holds 5 Markdown pages/m);
    expect(text.out).toMatch(/^  unresolved links: none$/m);
    const json = CheckJson.parse(JSON.parse(reader(['check', one, '--json']).out));
    expect(json.books[0]!.counts.warnings).toBe(1);
  });

  it('exits 1 when the import fails, saying why (JSON too)', () => {
    const tmp = checkTmp();
    const empty = mkdtempSync(join(base, 'empty-'));
    const text = reader(['check', empty], { TMPDIR: tmp });
    expect(text.code).toBe(1);
    expect(text.err).toContain('No Markdown or MDX chapters found');
    const json = reader(['check', join(base, 'no such folder'), '--json'], { TMPDIR: tmp });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ ok: false, error: expect.stringContaining('Not a folder') });
    expect(readdirSync(tmp).filter((f) => f.startsWith('reader-check-'))).toEqual([]);
  });
});

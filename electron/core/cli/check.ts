/**
 * `reader check <bookDir> [--json]`: imports the folder into a throwaway library (a temp data dir, removed after;
 * never the user's library) and reports what a course author or lab admin can act on. Exit 0 when the import
 * worked (warnings included), 1 when it failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { BookImported, ImportProblem, ImportReport } from '../contract.js';
import { createReaderCore } from '../reader-core.js';
import { defineCommand } from './command.js';
import { commandArgs, jsonOption } from './options.js';

/** One book as `check --json` prints it: the stored report plus the counts of every section. */
export function checkedBook(b: BookImported, flavor: string) {
  const r = b.report;
  return {
    title: b.title,
    flavor,
    chapterCount: b.chapterCount,
    counts: {
      warnings: r.warnings.length,
      notInSidebar: r.notInSidebar.length,
      excluded: r.excluded.length,
      mdxFallbacks: r.mdxFallbacks.length,
      unknownComponents: r.unknownComponents.length,
      unresolvedLinks: r.unresolvedLinks.length,
      unresolvedImages: r.unresolvedImages.length,
      skipped: b.skipped.length,
      failed: b.failed.length,
    },
    skipped: b.skipped,
    failed: b.failed,
    report: r,
  };
}
type CheckedBook = ReturnType<typeof checkedBook>;

const problems = (list: ImportProblem[]) => list.map((p) => `${p.file}: ${p.reason}`);

/** Every section with its count, each item on its own line; empty sections say "none" so nothing looks skipped. */
function describe(book: CheckedBook): string[] {
  const r: ImportReport = book.report;
  const section = (label: string, items: string[]) => [`  ${label}: ${items.length === 0 ? 'none' : items.length}`, ...items.map((i) => `    - ${i}`)];
  return [
    `"${book.title}" (${book.flavor}): ${book.chapterCount} chapter${book.chapterCount === 1 ? '' : 's'}`,
    `  reading order from: ${r.order}`,
    ...section('warnings', r.warnings),
    ...section('notes', r.notes),
    ...section('pages in no sidebar (kept, last)', r.notInSidebar),
    ...section('files the site excludes', problems(r.excluded)),
    ...section('chapters read as Markdown after failing as MDX', problems(r.mdxFallbacks)),
    ...section('unknown components (shown as their content)', r.unknownComponents.map((c) => `<${c.name}> in ${c.files.join(', ')}`)),
    ...section('unresolved links', r.unresolvedLinks.map((l) => `${l.file}: ${l.target}`)),
    ...section('unresolved images', r.unresolvedImages.map((l) => `${l.file}: ${l.target}`)),
    ...section('files skipped', problems(book.skipped)),
    ...section('chapters that could not be rendered', problems(book.failed)),
  ];
}

export const checkCommand = defineCommand({
  name: 'check',
  summary: "Import a book folder into a throwaway library and report what was found (your library is not touched)",
  usage: 'check <bookDir> [--json]',
  ...commandArgs(z.tuple([z.string().min(1)], { error: 'expected exactly one book folder' }), { json: jsonOption }),
  async run({ positionals: [dir], values }, ctx) {
    const dataDir = mkdtempSync(join(tmpdir(), 'reader-check-'));
    try {
      const core = createReaderCore({ dataDir, indexOnImport: false });
      let books: CheckedBook[];
      try {
        const result = await core.importBook({ dir: resolve(dir) });
        books = [result, ...result.moreBooks].map((b) => checkedBook(b, core.store.getBook(b.bookId)?.flavor ?? 'unknown'));
      } catch (err) {
        const message = (err as Error).message;
        if (values.json) ctx.out(JSON.stringify({ ok: false, error: message }));
        else ctx.err(`reader: ${message}`);
        return 1;
      } finally {
        await core.close();
      }
      if (values.json) ctx.out(JSON.stringify({ ok: true, books }));
      else ctx.out(books.flatMap(describe).join('\n'));
      return 0;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

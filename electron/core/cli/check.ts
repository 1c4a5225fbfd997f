/**
 * `reader check <bookDir> [--json]`: imports the folder into a throwaway library (a temp data dir, removed after;
 * never the user's library) and reports what a course author or lab admin can act on. Exit 0 when the import
 * worked (warnings included), 1 when it failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { BookImported } from '../contract.js';
import { reportCounts, reportLines, summaryLine } from '../library/import-report-text.js';
import { createReaderCore } from '../reader-core.js';
import { defineCommand } from './command.js';
import { commandArgs, jsonOption } from './options.js';

/** One book as `check --json` prints it: the stored report plus the counts of every section. */
const checkedBook = (b: BookImported, flavor: string) => ({
  title: b.title,
  flavor,
  chapterCount: b.chapterCount,
  counts: reportCounts(b),
  skipped: b.skipped,
  failed: b.failed,
  report: b.report,
});

const describe = (b: BookImported, flavor: string) => [`"${b.title}" (${flavor}): ${summaryLine(b)}`, ...reportLines(b)];

export const checkCommand = defineCommand({
  name: 'check',
  summary: "Import a book folder into a throwaway library and report what was found (your library is not touched)",
  usage: 'check <bookDir> [--json]',
  ...commandArgs(z.tuple([z.string().min(1)], { error: 'expected exactly one book folder' }), { json: jsonOption }),
  async run({ positionals: [dir], values }, ctx) {
    const dataDir = mkdtempSync(join(tmpdir(), 'reader-check-'));
    try {
      const core = createReaderCore({ dataDir, indexOnImport: false });
      let books: { book: BookImported; flavor: string }[];
      try {
        const result = await core.importBook({ dir: resolve(dir) });
        books = [result, ...result.moreBooks].map((book) => ({ book, flavor: core.store.getBook(book.bookId)?.flavor ?? 'unknown' }));
      } catch (err) {
        const message = (err as Error).message;
        if (values.json) ctx.out(JSON.stringify({ ok: false, error: message }));
        else ctx.err(`reader: ${message}`);
        return 1;
      } finally {
        await core.close();
      }
      if (values.json) ctx.out(JSON.stringify({ ok: true, books: books.map((b) => checkedBook(b.book, b.flavor)) }));
      else ctx.out(books.flatMap((b) => describe(b.book, b.flavor)).join('\n'));
      return 0;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

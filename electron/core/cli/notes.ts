/**
 * `reader notes export <bookDir> [--format md|json]`: the book's highlights and notes on stdout, as Markdown or as
 * W3C Web Annotation JSON where each annotation also carries `reader:anchor` (where it sits in the current edition:
 * status, file, the exact text, the match score, and `orphan: true` when it could not be placed).
 * `reader notes import <file> --book <bookDir>`: imports a Web Annotation JSON file into the book and prints counts.
 * The book folder is imported (or refreshed) first, as every command does, so highlights follow a new edition.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { NOTES_FILE_MAX_CHARS } from '../contract.js';
import { CliError, defineCommand } from './command.js';
import { bookForDir, withCore } from './open-core.js';
import { commandArgs, stringOption } from './options.js';

const USAGE = 'notes export <bookDir> [--format md|json] | notes import <file> --book <bookDir>';
const ARGS = commandArgs(z.tuple([z.enum(['export', 'import'], { error: `expected ${USAGE}` }), z.string().min(1)], { error: `expected ${USAGE}` }), {
  format: stringOption(z.enum(['md', 'json'], { error: '--format is md or json' }).default('md')),
  book: stringOption(z.string().min(1).optional()),
});

/**
 * The file's text, read no further than an import may hold (a character is at most 4 bytes of UTF-8): /dev/zero
 * or a pipe that never ends must not be read until memory runs out. Pipes and devices still work.
 */
function readNotesFile(path: string): string {
  const maxBytes = NOTES_FILE_MAX_CHARS * 4;
  let buf: Buffer;
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      buf = Buffer.allocUnsafe(maxBytes + 1);
      for (let got = -1; n < buf.length && got !== 0; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new CliError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  const content = n > maxBytes ? null : buf.toString('utf8', 0, n);
  if (content === null || content.length > NOTES_FILE_MAX_CHARS) throw new CliError(`${path} is too large: a notes file holds at most ${NOTES_FILE_MAX_CHARS} characters`);
  return content;
}

export const notesCommand = defineCommand({
  name: 'notes',
  summary: "Export a book's highlights and notes (Markdown or W3C JSON), or import W3C JSON into it",
  usage: USAGE,
  ...ARGS,
  async run({ positionals: [action, path], values: args }, cli) {
    if (action === 'export') {
      const { content } = await withCore(cli.dataDir, async (core) =>
        core.exportAnnotations({ bookId: await bookForDir(core, path), format: args.format === 'md' ? 'markdown' : 'json' }),
      );
      cli.out(content.trimEnd());
      return;
    }
    if (!args.book) throw new CliError(`--book <bookDir> is required\nUsage: reader ${USAGE}`, 2);
    const content = readNotesFile(path);
    const book = args.book;
    const r = await withCore(cli.dataDir, async (core) => core.importAnnotations({ bookId: await bookForDir(core, book), content }));
    cli.out(`imported ${r.imported}, already present ${r.existing}; anchored ${r.anchored}, review ${r.review}, orphans ${r.orphans}; skipped ${r.skipped.length}`);
    for (const s of r.skipped) cli.out(`  entry ${s.index}: ${s.reason}`);
  },
});

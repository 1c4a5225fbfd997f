import { z } from 'zod';
import { defineCommand } from './command.js';
import { withCore } from './open-core.js';
import { commandArgs, jsonOption } from './options.js';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List the books in the library with their chapter counts',
  usage: 'list [--json]',
  ...commandArgs(z.tuple([], { error: 'list takes no arguments' }), { json: jsonOption }),
  async run({ values }, ctx) {
    const books = await withCore(ctx.dataDir, (core) => core.listBooks({}));
    if (values.json) {
      ctx.out(JSON.stringify(books.map((b) => ({ id: b.id, title: b.title, chapterCount: b.chapterCount, bundled: b.bundled, sourceDir: b.sourceDir }))));
      return;
    }
    if (books.length === 0) ctx.out('The library is empty.');
    for (const b of books) ctx.out(`${b.id}\t${b.chapterCount} chapters\t${b.title}`);
  },
});

import { z } from 'zod';
import { defineCommand } from './command.js';
import { bookForDir, withCore } from './open-core.js';
import { commandArgs, jsonOption } from './options.js';

export const tocCommand = defineCommand({
  name: 'toc',
  summary: "A book's chapters in reading order (imports or refreshes the folder first)",
  usage: 'toc <dir> [--json]',
  ...commandArgs(z.tuple([z.string().min(1)], { error: 'expected exactly one book folder' }), { json: jsonOption }),
  async run({ positionals: [dir], values }, ctx) {
    const toc = await withCore(ctx.dataDir, async (core) => core.getToc({ bookId: await bookForDir(core, dir) }));
    if (values.json) {
      ctx.out(JSON.stringify(toc.map((t) => ({ file: t.file, title: t.title, depth: t.depth, id: t.id, parents: t.parents }))));
      return;
    }
    for (const t of toc) ctx.out(`${'  '.repeat(t.depth)}${t.title}  (${t.file})`);
  },
});

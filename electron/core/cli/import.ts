import { z } from 'zod';
import { defineCommand } from './command.js';
import { withCore } from './open-core.js';
import { commandArgs, jsonOption } from './options.js';
import { resolve } from 'node:path';

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Import (or refresh) a book folder: Docusaurus, MDX, Markdown, HF course or d2l-book',
  usage: 'import <dir> [--json]',
  ...commandArgs(z.tuple([z.string().min(1, 'a book folder is required')], { error: 'expected exactly one book folder' }), { json: jsonOption }),
  async run({ positionals: [dir], values }, ctx) {
    const started = performance.now();
    const r = await withCore(ctx.dataDir, (core) => core.importBook({ dir: resolve(dir) }));
    const ms = Math.round(performance.now() - started);
    if (values.json) ctx.out(JSON.stringify({ ...r, ms }));
    else {
      ctx.out(
        `Imported "${r.title}" (${r.bookId}): ${r.chapterCount} chapters; ${r.added} added, ${r.updated} updated, ` +
          `${r.removed} removed, ${r.unchanged} unchanged in ${ms} ms`,
      );
      for (const s of r.skipped) ctx.out(`  skipped ${s.file}: ${s.reason}`);
      for (const f of r.failed) ctx.out(`  could not render ${f.file}: ${f.reason}`);
    }
  },
});

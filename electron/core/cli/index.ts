/** `reader index <bookDir> --data <dataDir>`: import a book folder and build (or update) its search index. */
import { z } from 'zod';
import { defineCommand } from './command.js';
import { commandArgs } from './options.js';
import { withSearchContext } from './search-context.js';

export const indexCommand = defineCommand({
  name: 'index',
  summary: 'Import a book folder and build its offline search index',
  usage: 'index <bookDir>',
  ...commandArgs(z.tuple([z.string().min(1)], { error: 'expected exactly one book folder' }), {}),
  async run({ positionals: [bookDir] }, ctx) {
    const started = performance.now();
    await withSearchContext(ctx.dataDir, bookDir, true, async (search) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const imp = search.imported!;
      ctx.out(`Indexed "${imp.title}" (${search.bookId}): ${imp.chapterCount} chapters, ${search.status.chunkCount} passages in ${seconds}s`);
    });
  },
});

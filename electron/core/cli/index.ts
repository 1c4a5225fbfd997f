/** `reader index <bookDir> --data <dataDir>`: import a book folder and build (or update) its search index. */
import { z } from 'zod';
import { resolveDataDir } from '../paths.js';
import { rawCommand } from './command.js';
import { commandArgs, dataOption } from './options.js';
import { parseOrExplain } from './parse-or-explain.js';
import { withSearchContext } from './search-context.js';

const ARGS = commandArgs(z.tuple([z.string()], { error: 'Usage: reader index <bookDir> --data <dataDir>' }), { data: dataOption });

export const indexCommand = rawCommand({
  name: 'index',
  summary: 'Import a book folder and build its offline search index',
  usage: 'index <bookDir>',
  async run(argv) {
    const { positionals: [bookDir], values } = parseOrExplain(argv, ARGS);
    const started = performance.now();
    await withSearchContext(resolveDataDir(values.data), bookDir, true, async (ctx) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const imp = ctx.imported!;
      process.stdout.write(
        `Indexed "${imp.title}" (${ctx.bookId}): ${imp.chapterCount} chapters, ${ctx.status.chunkCount} passages in ${seconds}s\n`,
      );
    });
  },
});

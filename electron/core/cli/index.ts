/** `reader index <bookDir> --data <dataDir>`: import a book folder and build (or update) its search index. */
import { resolveDataDir } from '../paths.js';
import { CliError, rawCommand } from './command.js';
import { parseOrExplain } from './parse-or-explain.js';
import { openSearchContext } from './search-context.js';

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOrExplain({
    args: argv,
    options: { data: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError('Usage: reader index <bookDir> --data <dataDir>', 2);
  const started = performance.now();
  const ctx = await openSearchContext(resolveDataDir(values.data), positionals[0]!, true);
  try {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const imp = ctx.imported!;
    process.stdout.write(
      `Indexed "${imp.title}" (${ctx.bookId}): ${imp.chapterCount} chapters, ${ctx.status.chunkCount} passages in ${seconds}s\n`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}

export const indexCommand = rawCommand({
  name: 'index',
  summary: 'Import a book folder and build its offline search index',
  usage: 'index <bookDir>',
  run,
});

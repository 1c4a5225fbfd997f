/** `reader index <bookDir> --data <dataDir>`: import a book folder and build (or update) its search index. */
import { parseArgs } from 'node:util';
import { openSearchContext, resolveDataDir } from './search-context.js';

export async function indexCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { data: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new Error('Usage: reader index <bookDir> --data <dataDir>');
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

import { z } from 'zod';
import { CliError, defineCommand } from './command.js';
import { commandArgs } from './options.js';
import { buildContentPack } from '../content/content-pack.js';

export const buildContentCommand = defineCommand({
  name: 'build-content',
  summary: "Make a preinstalled content pack (the book, its prebuilt search index, pack.json) for a lab's contentDir",
  usage: 'build-content <bookDir> <outDir>',
  ...commandArgs(z.tuple([z.string().min(1), z.string().min(1)], { error: 'build-content takes <bookDir> <outDir>' }), {}),
  async run({ positionals: [bookDir, outDir] }, ctx) {
    const pack = await buildContentPack(bookDir, outDir).catch((err: unknown) => {
      throw new CliError(`Could not build the content pack: ${(err as Error).message}`);
    });
    ctx.out(`${outDir}: "${pack.title}" as ${pack.bookId}, ${pack.chapterCount} chapters, ${pack.passageCount} passages indexed`);
  },
});

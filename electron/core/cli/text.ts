import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { CliError, defineCommand } from './command.js';
import { bookForDir, withCore } from './open-core.js';
import { commandArgs } from './options.js';

export const textCommand = defineCommand({
  name: 'text',
  summary: "A chapter's rendered plain text (file relative to the book folder)",
  usage: 'text <dir> <file>',
  ...commandArgs(z.tuple([z.string().min(1), z.string().min(1)], { error: 'expected a book folder and a chapter file' }), {}),
  async run({ positionals: [dir, file] }, ctx) {
    // Accept the file relative to the book folder, or as a path that points inside it.
    const rel = isAbsolute(file) ? relative(resolve(dir), file) : file;
    const wanted = rel.split(sep).join('/').replace(/^\.\//, '');
    const text = await withCore(ctx.dataDir, async (core) => {
      const bookId = await bookForDir(core, dir);
      return core.store.chapterTextByFile(bookId, wanted);
    });
    if (text === null) throw new CliError(`No chapter "${wanted}" in ${dir}; see \`reader toc ${dir}\` for the files`);
    ctx.out(text);
  },
});

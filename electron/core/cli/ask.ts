/**
 * `reader ask --data <dataDir> --book <bookDir> [--k 5] [--json] "question"` or `--batch questions.jsonl`.
 * With --json (or --batch) stdout carries only JSON: one object, or one line per question, each
 * {"question", "results": [{"file", "heading", "score", "text"}]}.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CliError, defineCommand } from './command.js';
import { commandArgs, jsonOption, stringOption } from './options.js';
import { withSearchContext } from './search-context.js';

const BOOK_REQUIRED = '--book <bookDir> is required';
const ARGS = commandArgs(z.array(z.string()), {
  book: stringOption(z.string({ error: BOOK_REQUIRED }).min(1, BOOK_REQUIRED)),
  k: stringOption(z.coerce.number().int().min(1).max(50).default(5)),
  json: jsonOption,
  batch: stringOption(z.string().min(1).optional()),
});
const BatchLine = z.object({ question: z.string() }).passthrough();

export const askCommand = defineCommand({
  name: 'ask',
  summary: 'Ask a book a question offline; prints the best passages',
  usage: 'ask --book <bookDir> [--k 5] [--json] "question" | --batch <questions.jsonl>',
  ...ARGS,
  async run({ positionals, values: args }, cli) {
    const questions = args.batch
      ? readFileSync(args.batch, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l, i) => {
            const line = BatchLine.safeParse(JSON.parse(l));
            if (!line.success) throw new CliError(`${args.batch}:${i + 1}: each line needs a "question" string`, 2);
            return line.data.question;
          })
      : [positionals.join(' ')];
    if (!args.batch && !questions[0]!.trim()) throw new CliError('Usage: reader ask --data DIR --book DIR [--k 5] [--json] "question"', 2);
    await withSearchContext(cli.dataDir, args.book, false, async (ctx) => {
      for (const question of questions) {
        const passages = await ctx.search.search(ctx.bookId, question, { k: args.k });
        const results = passages.map((p) => ({ file: p.file, heading: p.heading, score: p.score, text: p.text }));
        if (args.json || args.batch) {
          cli.out(JSON.stringify({ question, results }));
        } else {
          cli.out(`Q: ${question}`);
          results.forEach((r, i) => cli.out(`${i + 1}. [${r.score}] ${r.file} :: ${r.heading}\n   ${r.text.slice(0, 200).replace(/\s+/g, ' ')}`));
        }
      }
    });
  },
});

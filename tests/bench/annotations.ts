/**
 * `npm run bench:annotations`: re-anchoring 1,000 highlights after a new edition of a real corpus book. Copies the
 * corpus to a temp folder, imports it, makes 1,000 highlights at random places (fixed seed), then writes a "second
 * edition" into the copy (a sentence inserted before some paragraphs, a word changed in others, some paragraphs
 * removed) and re-imports it, which re-anchors every highlight of the book in one transaction. Prints the time of
 * that re-anchoring alone (cold chapter texts; target < 2 s), of the whole re-import, the status counts, of listing
 * the 1,000 highlights, and of computing the anchor text of the largest chapter. Numbers only, no assertions.
 * Options: --book d2l-en|deep-rl-class (default d2l-en), --count N (default 1000).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { projectRoot } from '../../electron/core/paths.js';
import { createReaderCore } from '../../electron/core/reader-core.js';
import { createAnnotations } from '../../electron/core/annotations/annotation-methods.js';
import { anchorTextOfHtml } from '../../electron/core/library/render/anchor-text.js';

const { book, count } = z
  .object({ book: z.enum(['d2l-en', 'deep-rl-class']).default('d2l-en'), count: z.coerce.number().int().min(1).max(20_000).default(1000) })
  .parse(parseArgs({ options: { book: { type: 'string' }, count: { type: 'string' } } }).values);

/** A small seeded generator (mulberry32), so every run highlights the same places. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => /\.mdx?$/.test(f) && statSync(f).isFile());
}

/** The second edition: prose lines only (outside code fences), so the book still renders the same way. */
function editEdition(dir: string, random: () => number): { inserted: number; edited: number; removed: number } {
  const counts = { inserted: 0, edited: 0, removed: 0 };
  for (const file of sourceFiles(dir)) {
    let fenced = false;
    const out: string[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const prose = !fenced && /^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(line) && !line.includes('<') && !line.includes('{');
      const r = random();
      if (prose && r < 0.1) {
        out.push(`This sentence is new in the second edition. ${line}`);
        counts.inserted++;
      } else if (prose && r < 0.2 && line.includes(' the ')) {
        out.push(line.replace(' the ', ' that '));
        counts.edited++;
      } else if (prose && r < 0.23) {
        counts.removed++;
      } else out.push(line);
    }
    writeFileSync(file, out.join('\n'));
  }
  return counts;
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'bench-annotations-'));
  const dir = join(work, book);
  cpSync(resolve(projectRoot(), '..', 'shared', 'corpora', book), dir, { recursive: true });
  const core = createReaderCore({ dataDir: join(work, 'data'), indexOnImport: false });
  try {
    const bookId = (await core.importBook({ dir })).bookId;
    const chapters = await core.getToc({ bookId });
    const random = seeded(12);

    // The largest chapter's anchor text: what every highlight of that chapter is measured in.
    const sizes = await Promise.all(chapters.map(async (c) => ({ c, html: (await core.openChapter({ bookId, chapterId: c.id })).html })));
    const largest = sizes.reduce((a, b) => (b.html.length > a.html.length ? b : a));
    let t0 = performance.now();
    const largestText = anchorTextOfHtml(largest.html);
    console.log(`anchor text of the largest chapter (${largest.c.file}, ${(largest.html.length / 1024).toFixed(0)} KB HTML, ${largestText.length} chars): ${ms(t0)}`);

    t0 = performance.now();
    const texts = new Map(sizes.map((s) => [s.c.id, anchorTextOfHtml(s.html)]));
    let made = 0;
    while (made < count) {
      const c = chapters[Math.floor(random() * chapters.length)]!;
      const text = texts.get(c.id)!;
      if (text.length < 200) continue;
      const start = text.indexOf(' ', Math.floor(random() * (text.length - 150))) + 1;
      const end = start + 20 + Math.floor(random() * 100);
      const exact = text.slice(start, end);
      if (exact.trim().length < 10) continue;
      await core.addAnnotation({ bookId, selection: { chapterId: c.id, start, end, exact }, color: 'yellow', note: made % 3 === 0 ? `note ${made}` : '' });
      made++;
    }
    console.log(`${made} highlights made in ${chapters.length} chapters of ${book}: ${ms(t0)}`);

    const edits = editEdition(dir, random);
    console.log(`second edition: ${edits.inserted} sentences inserted before paragraphs, ${edits.edited} words changed, ${edits.removed} paragraphs removed`);
    t0 = performance.now();
    const reimport = await core.importBook({ dir });
    console.log(`re-import (${reimport.updated} chapters changed), re-anchoring included: ${ms(t0)}`);

    // Of which: the anchor texts of every chapter, parsed again from the stored HTML (once per new edition).
    t0 = performance.now();
    for (const c of chapters) anchorTextOfHtml(core.store.db.prepare('SELECT html FROM chapters WHERE book_id = ? AND id = ?').pluck().get(bookId, c.id) as string);
    console.log(`anchor texts of all ${chapters.length} chapters: ${ms(t0)}`);
    // The re-anchoring alone, from cold (chapter texts parsed again from the stored HTML).
    const fresh = createAnnotations(core.store, () => undefined);
    t0 = performance.now();
    const counts = fresh.reanchorBook(bookId);
    console.log(`re-anchoring ${made} highlights (one transaction): ${ms(t0)}  (target < 2000 ms)`);
    console.log(`  anchored ${counts.anchored}, review ${counts.review}, orphan ${counts.orphan}`);

    t0 = performance.now();
    const listed = await core.listAnnotations({ bookId });
    console.log(`listAnnotations (${listed.length}): ${ms(t0)}`);
  } finally {
    await core.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

/**
 * `npm run bench:reader`: prints how long a generated 100-chapter MDX-heavy Docusaurus site takes to import and to
 * re-import unchanged (targets: under 10 s and under 0.1 s), how long the real corpora take to import (the app's
 * path: worker-thread rendering, one SQLite transaction), and chapter-open latency p50/p95 measured in Debian Chromium
 * through the web host as `npm run web` runs it (the real renderer and bridge, the engine in a child process), from the
 * navigation that asks for a chapter to
 *   first screen in page: the chapter's article is in the page with its first part, laid out (a chapter opening at
 *                         its top goes in progressively, its first screen first; one shorter than that goes in whole);
 *   whole chapter in page: the article is complete (aria-busy="false": all its HTML in, laid out);
 * plus the bare `window.reader.openChapter` round trip. Chapters open at their top here (fresh library, nothing
 * saved), the case the progressive fill speeds up. Then d2l-en's longest chapter opened with no highlights and
 * with 500 (to the first screen and to the whole chapter with its highlights painted). Then `listBooks` latency in the page while the web host imports
 * d2l-en, with the engine in a child process (as `npm run web` runs it; target p95 < 50 ms) and, for comparison,
 * in the host's own process. A benchmark, not a test: it prints numbers only.
 * Needs the built renderer (`npm run build`) and /usr/bin/chromium. Options: --samples N (per book, default 40).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { z } from 'zod';
import { bundledBookDir, projectRoot, rendererDir } from '../../electron/core/paths.js';
import { forkEngine } from '../../electron/core/engine/fork-engine.js';
import { startRemoteCore } from '../../electron/core/engine/remote-core.js';
import { createReaderCore } from '../../electron/core/reader-core.js';
import { startWebHost, type WebHostCore } from '../../electron/core/web-host/server.js';
import { anchorTextOfHtml } from '../../electron/core/library/render/anchor-text.js';
import type { ReaderCoreMethods } from '../../electron/core/contract.js';
import type { Page } from '@playwright/test';
import { writeMdxBook } from './mdx-book.js';

const CORPORA = resolve(projectRoot(), '..', 'shared', 'corpora');
const BOOKS = ['deep-rl-class', 'd2l-en'];
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
};

const { samples } = z
  .object({ samples: z.coerce.number().int().min(5).max(500).default(40) })
  .parse(parseArgs({ options: { samples: { type: 'string' } } }).values);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
function summary(label: string, values: number[]): void {
  const s = [...values].sort((a, b) => a - b);
  console.log(`  ${label.padEnd(40)} n=${String(s.length).padStart(3)}  p50 ${fmt(percentile(s, 50)).padStart(9)}  p95 ${fmt(percentile(s, 95)).padStart(9)}  max ${fmt(s.at(-1)!).padStart(9)}`);
}

// Page scripts are strings: functions compiled by tsx carry helper calls that do not exist in the page.
/**
 * In the page: change the route, then wait (MutationObserver, no polling) for the chapter's article to show its
 * first part, then to be complete. Resolves to [first screen ms, whole chapter ms].
 */
const openByNavigation = (href: string, chapterId: string) => `new Promise((done) => {
  const selector = '[data-testid="chapter"][data-chapter-id="' + CSS.escape(${JSON.stringify(chapterId)}) + '"]';
  const t0 = performance.now();
  let first = null;
  const check = () => {
    const el = document.querySelector(selector);
    if (!el || el.childElementCount === 0) return;
    if (first === null) {
      el.getBoundingClientRect(); // the first part is in the page and laid out
      first = performance.now() - t0;
    }
    if (el.getAttribute('aria-busy') === 'false') {
      el.getBoundingClientRect(); // the whole chapter is in the page and laid out
      observer.disconnect();
      done([first, performance.now() - t0]);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-chapter-id', 'aria-busy'] });
  location.hash = ${JSON.stringify(href)};
  check();
})`;
/**
 * In the page: change the route and wait for the chapter's first part, then for the whole chapter with its
 * highlights painted (the article's data-highlights says how many; set in the same commit as the chapter completes).
 * Resolves to [first screen ms, highlights painted ms, count].
 */
const openToHighlights = (href: string, chapterId: string) => `new Promise((done) => {
  const selector = '[data-testid="chapter"][data-chapter-id="' + CSS.escape(${JSON.stringify(chapterId)}) + '"]';
  const t0 = performance.now();
  let first = null;
  const check = () => {
    const el = document.querySelector(selector);
    if (!el || el.childElementCount === 0) return;
    if (first === null) {
      el.getBoundingClientRect();
      first = performance.now() - t0;
    }
    const painted = el.getAttribute('data-highlights');
    if (painted !== null && painted !== '0') {
      el.getBoundingClientRect(); // painted and laid out
      observer.disconnect();
      done([first, performance.now() - t0, Number(painted)]);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-chapter-id', 'data-highlights'] });
  location.hash = ${JSON.stringify(href)};
  check();
})`;
/** In the page: the bare bridge call, request to parsed result. */
const openByApi = (bookId: string, chapterId: string) => `(async () => {
  const t0 = performance.now();
  await window.reader.openChapter({ bookId: ${JSON.stringify(bookId)}, chapterId: ${JSON.stringify(chapterId)} });
  return performance.now() - t0;
})()`;

/** In the page: starts an import and calls listBooks every 20 ms until it is done; resolves to the latencies. */
const listBooksDuringImport = (dir: string) => `(async () => {
  const latencies = [];
  let done = false;
  const importing = window.reader.importBook({ dir: ${JSON.stringify(dir)} }).finally(() => { done = true; });
  while (!done) {
    const t0 = performance.now();
    await window.reader.listBooks({});
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await importing;
  return latencies;
})()`;

const HIGHLIGHTS = 500;

/** The book's longest chapter (by HTML) and another one to come from. */
async function longestChapter(core: ReaderCoreMethods, bookId: string) {
  const toc = await core.getToc({ bookId });
  const views = await Promise.all(toc.map((t) => core.openChapter({ bookId, chapterId: t.id })));
  const longest = views.reduce((a, b) => (b.html.length > a.html.length ? b : a));
  return { chapter: longest, otherId: toc.find((t) => t.id !== longest.id)!.id };
}

/** 500 highlights over the chapter's words (evenly spread runs of 3-6 words), added through the engine. */
async function addHighlights(core: ReaderCoreMethods, bookId: string, chapter: { id: string; title: string; html: string }): Promise<void> {
  const text = anchorTextOfHtml(chapter.html);
  const words = [...text.matchAll(/[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,5}/g)];
  if (words.length < HIGHLIGHTS) throw new Error(`${chapter.title}: only ${words.length} word runs for ${HIGHLIGHTS} highlights`);
  const step = words.length / HIGHLIGHTS;
  const colors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
  for (let i = 0; i < HIGHLIGHTS; i++) {
    const m = words[Math.floor(i * step)]!;
    const selection = { chapterId: chapter.id, start: m.index, end: m.index + m[0].length, exact: m[0] };
    await core.addAnnotation({ bookId, selection, color: colors[i % colors.length]!, ...(i % 10 === 0 ? { note: `Note ${i}` } : {}) });
  }
}

/**
 * Opens the book's longest chapter again and again (from another chapter each time), first with no highlights,
 * then holding 500, and prints p50/p95 of each: the difference is what the highlights cost.
 */
async function highlightedChapterOpen(page: Page, core: ReaderCoreMethods, bookId: string): Promise<void> {
  const { chapter, otherId } = await longestChapter(core, bookId);
  const href = (id: string) => `#/book/${encodeURIComponent(bookId)}/${encodeURIComponent(id)}`;
  console.log(`\nChapter open with ${HIGHLIGHTS} highlights (${bookId}, its longest chapter: ${(chapter.html.length / 1000).toFixed(0)} kB of HTML; ${samples} opens after 3 warm-up)`);
  const firstScreen: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    await page.evaluate(openByNavigation(href(otherId), otherId));
    const [first, all] = (await page.evaluate(openByNavigation(href(chapter.id), chapter.id))) as [number, number];
    if (i < 3) continue;
    firstScreen.push(first);
    whole.push(all);
  }
  summary('no highlights: first screen in page', firstScreen);
  summary('no highlights: whole chapter in page', whole);

  await addHighlights(core, bookId, chapter);
  firstScreen.length = 0;
  const painted: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    await page.evaluate(openByNavigation(href(otherId), otherId));
    const [first, done, count] = (await page.evaluate(openToHighlights(href(chapter.id), chapter.id))) as number[];
    if (count !== HIGHLIGHTS) throw new Error(`painted ${count} highlights, expected ${HIGHLIGHTS}`);
    if (i < 3) continue;
    firstScreen.push(first!);
    painted.push(done!);
  }
  summary(`${HIGHLIGHTS} highlights: first screen in page`, firstScreen);
  summary(`${HIGHLIGHTS} highlights: whole chapter painted`, painted);
}

/** listBooks through a web host on a fresh library while that host's engine imports d2l-en. */
async function listBooksWhileImporting(browser: Browser, label: string, makeCore: (dataDir: string) => WebHostCore & { close(): Promise<void> }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-bench-'));
  const core = makeCore(dataDir);
  const host = await startWebHost({ core, staticDir: rendererDir() });
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('library').waitFor({ timeout: 120_000 });
    summary(label, (await page.evaluate(listBooksDuringImport(join(CORPORA, 'd2l-en')))) as number[]);
    await page.close();
  } finally {
    await host.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Evenly spread chapter ids over the book, so short and long chapters both count. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

/** The generated MDX-heavy site, in a fresh library: first import, then re-import with nothing changed. */
async function mdxBookImport(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'reader-bench-mdx-'));
  const book = join(work, 'site');
  mkdirSync(book);
  const chapters = writeMdxBook(book, 100);
  const core = createReaderCore({ dataDir: join(work, 'data'), indexOnImport: false });
  try {
    let t = performance.now();
    const cpu = process.cpuUsage(); // all threads of this process, so the workers count too
    const first = await core.importBook({ dir: book });
    const firstMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const again: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const r = await core.importBook({ dir: book });
      again.push(performance.now() - t);
      if (r.unchanged !== first.chapterCount) throw new Error(`re-import changed ${first.chapterCount - r.unchanged} chapters`);
    }
    if (first.chapterCount !== chapters || first.failed.length > 0) throw new Error(`expected ${chapters} chapters, got ${first.chapterCount} (${first.failed.length} failed)`);
    const median = [...again].sort((a, b) => a - b)[2]!;
    console.log(`
Generated MDX site (${chapters} chapters: front matter, imports, Tabs, admonitions, titled code, tables, math, links; sidebars.js)`);
    console.log(`  first import               ${(firstMs / 1000).toFixed(2).padStart(6)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU   (target < 10 s)`);
    console.log(`  re-import unchanged        ${fmt(median).padStart(9)} median of 5, max ${fmt(Math.max(...again))}   (target < 100 ms)`);
  } finally {
    await core.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await mdxBookImport();
  if (!existsSync(join(rendererDir(), 'index.html'))) throw new Error('No built renderer in out/renderer: run `npm run build` first.');
  for (const b of BOOKS) if (!existsSync(join(CORPORA, b))) throw new Error(`Missing corpus ${join(CORPORA, b)}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-bench-'));
  try {
    const bookIds = await importCorpora(dataDir);
    await chapterOpens(dataDir, bookIds);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The corpora imported into a fresh library, in this process (the import's CPU time is this process's). */
async function importCorpora(dataDir: string): Promise<string[]> {
  const core = createReaderCore({ dataDir, bundledBookDir: bundledBookDir(), indexOnImport: false });
  try {
    console.log('\nImport (fresh library; chapters rendered on worker threads, stored in one transaction)');
    const bookIds: string[] = ['bundled'];
    for (const name of BOOKS) {
      let t = performance.now();
      const cpu = process.cpuUsage(); // all threads of this process, so the render workers count too
      const r = await core.importBook({ dir: join(CORPORA, name) });
      const first = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      t = performance.now();
      const again = await core.importBook({ dir: join(CORPORA, name) });
      const second = performance.now() - t;
      bookIds.push(r.bookId);
      console.log(
        `  ${name.padEnd(16)} ${String(r.chapterCount).padStart(4)} chapters  ${(first / 1000).toFixed(2).padStart(6)} s wall, ` +
          `${cpuSeconds.toFixed(1)} s CPU   re-import unchanged (${again.unchanged} kept) ${(second / 1000).toFixed(2)} s`,
      );
    }
    return bookIds;
  } finally {
    await core.close();
  }
}

/**
 * Chapter opens, served as `npm run web` serves them: the engine in a child process, the web host here. The imports'
 * heap is gone by then, so its garbage collection does not land in the middle of an open (it did: pauses up to 20 ms).
 */
async function chapterOpens(dataDir: string, bookIds: string[]): Promise<void> {
  const core = startRemoteCore(forkEngine, { dataDir, bundledBookDir: bundledBookDir(), indexOnImport: false });
  try {
    await core.ready;
    const host = await startWebHost({ core, staticDir: rendererDir() });
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.getByTestId('library').waitFor();
      const firstScreen: number[] = [];
      const whole: number[] = [];
      const roundTrip: number[] = [];
      console.log(`\nChapter open through the web host in Chromium (${samples} chapters per book, after 3 warm-up opens)`);
      for (const bookId of bookIds) {
        const toc = await core.getToc({ bookId });
        const ids = spread(toc.map((t) => t.id), samples + 3);
        const bookFirst: number[] = [];
        const bookWhole: number[] = [];
        for (const [i, chapterId] of ids.entries()) {
          const href = `#/book/${encodeURIComponent(bookId)}/${encodeURIComponent(chapterId)}`;
          const [first, all] = (await page.evaluate(openByNavigation(href, chapterId))) as [number, number];
          if (i < 3) continue;
          bookFirst.push(first);
          bookWhole.push(all);
        }
        firstScreen.push(...bookFirst);
        whole.push(...bookWhole);
        summary(`${bookId}: first screen in page`, bookFirst);
        summary(`${bookId}: whole chapter in page`, bookWhole);
        const calls: number[] = [];
        for (const chapterId of ids.slice(3)) {
          calls.push((await page.evaluate(openByApi(bookId, chapterId))) as number);
        }
        roundTrip.push(...calls);
      }
      console.log('');
      summary('all books: first screen in page', firstScreen);
      summary('all books: whole chapter in page', whole);
      summary('all books: openChapter round trip', roundTrip);

      await highlightedChapterOpen(page, core, bookIds[2]!);

      console.log('\nlistBooks in the page while the web host imports d2l-en (fresh library, no indexing)');
      const options = { bundledBookDir: bundledBookDir(), indexOnImport: false };
      await listBooksWhileImporting(browser, 'engine in a child process', (dir) => startRemoteCore(forkEngine, { dataDir: dir, ...options }));
      await listBooksWhileImporting(browser, 'engine in the host process', (dir) => createReaderCore({ dataDir: dir, ...options }));
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    await core.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});

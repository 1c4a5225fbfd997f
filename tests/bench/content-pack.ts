/**
 * `npm run bench:content`: first launch to searchable for a preinstalled content pack (target under 2 s for d2l-en).
 * Builds the pack with `reader build-content`'s code once (or uses --pack DIR), then, for each sample, a fresh data
 * dir and a policy naming the pack's folder as contentDir: the time from creating the core to the book being listed,
 * and to the first question answered from its index (passages found, no indexing). A benchmark: prints numbers only.
 * Options: --book DIR (default the d2l-en corpus), --pack DIR, --samples N (default 5).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../electron/core/paths.js';
import { buildContentPack, PACK_MANIFEST } from '../../electron/core/content/content-pack.js';
import { loadDesktopConfig } from '../../electron/core/config/desktop-config.js';
import { createReaderCore } from '../../electron/core/reader-core.js';

const { values } = parseArgs({ options: { book: { type: 'string' }, pack: { type: 'string' }, samples: { type: 'string' } } });
const book = values.book ?? resolve(projectRoot(), '..', 'shared', 'corpora', 'd2l-en');
const samples = Number(values.samples ?? 5);
const work = mkdtempSync(join(tmpdir(), 'bench-content-'));
try {
  const pack = values.pack ?? join(work, 'books', 'd2l-en');
  if (!existsSync(join(pack, PACK_MANIFEST))) {
    const t = performance.now();
    const info = await buildContentPack(book, pack);
    console.log(`build-content: "${info.title}", ${info.chapterCount} chapters, ${info.passageCount} passages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const policyPath = join(work, 'policy.json');
  writeFileSync(policyPath, JSON.stringify({ contentDir: dirname(pack), allowImport: false }));
  const config = loadDesktopConfig({ READER_POLICY_PATH: policyPath }, process.platform);
  const listed: number[] = [];
  const searchable: number[] = [];
  for (let i = 0; i < samples; i++) {
    const dataDir = join(work, `data-${i}`);
    const t0 = performance.now();
    const core = createReaderCore({ dataDir, config });
    const books = await core.listBooks({});
    const id = books.find((b) => b.id.startsWith('content-'))?.id;
    if (!id) throw new Error('the preinstalled book is not in the library');
    listed.push(performance.now() - t0);
    const r = await core.ask({ bookId: id, question: 'What does a convolutional layer compute?' });
    if (r.passages.length === 0) throw new Error(`no passages: ${r.message ?? ''}`);
    searchable.push(performance.now() - t0);
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const fmt = (xs: number[]) => `median ${(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]! / 1000).toFixed(2)} s (max ${(Math.max(...xs) / 1000).toFixed(2)} s)`;
  console.log(`first launch to listed:     ${fmt(listed)}`);
  console.log(`first launch to searchable: ${fmt(searchable)} over ${samples} fresh data dirs (target < 2 s)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

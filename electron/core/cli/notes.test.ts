/** `reader notes export|import`, run as a real process against a data dir holding highlights of a book's first edition. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTES_FILE_MAX_CHARS } from '../contract.js';
import { createReaderCore } from '../reader-core.js';
import { EDITION_1, EDITION_2 } from '../../../tests/fixtures/annotation-editions.js';
import { select, writeEdition } from '../annotations/test-support/annotated-book.js';

const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
let base: string;
let data: string;
let book: string;
const ids: Record<string, string> = {};

function reader(args: string[]) {
  const r = spawnSync(TSX, ['electron/core/cli.ts', ...args, '--data', data], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, READER_DATA_DIR: '' }, timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'reader-cli-notes-'));
  data = join(base, 'data');
  book = join(base, 'book');
  writeEdition(book, EDITION_1);
  const core = createReaderCore({ dataDir: data, indexOnImport: false });
  try {
    const bookId = (await core.importBook({ dir: book })).bookId;
    ids.kept = (await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/calibration.md', 'Every joint needs a known zero'), color: 'green', note: 'kept' })).id;
    ids.gone = (await core.addAnnotation({ bookId, selection: await select(core, bookId, 'docs/calibration.md', 'A wrong zero makes every later pose wrong'), color: 'pink', note: 'gone' })).id;
  } finally {
    await core.close();
  }
  // The course publishes edition 2; the CLI refreshes the book before exporting.
  writeEdition(book, EDITION_2);
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('reader notes', () => {
  it('export --format json: W3C JSON where each annotation carries its current anchoring (exact, score, orphan)', () => {
    const r = reader(['notes', 'export', book, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const items = (JSON.parse(r.out) as { first: { items: { id: string; 'reader:anchor': Record<string, unknown> }[] } }).first.items;
    const anchorOf = (id: string) => items.find((i) => i.id === `urn:uuid:${id}`)!['reader:anchor'];
    expect(anchorOf(ids.kept!)).toEqual({ status: 'anchored', file: 'docs/calibration.md', exact: 'Every joint needs a known zero', score: expect.any(Number) as number });
    expect(anchorOf(ids.gone!)).toEqual({ status: 'orphan', file: null, exact: '', score: 0, orphan: true });
  }, 90_000);

  it('export (Markdown by default) lists the orphan under Orphans', () => {
    const r = reader(['notes', 'export', book]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/## Calibration\n\n> Every joint needs a known zero\n\nkept\n/);
    expect(r.out).toMatch(/## Orphans[\s\S]*> A wrong zero makes every later pose wrong\n\ngone\n/);
  }, 90_000);

  it('import prints the counts, and skipped entries with their reasons', () => {
    const file = join(base, 'notes.json');
    writeFileSync(
      file,
      JSON.stringify([
        { target: { source: 'docs/safety.md', selector: { type: 'TextQuoteSelector', exact: 'emergency stop' } } },
        { id: `urn:uuid:${ids.kept}`, target: { source: 'docs/calibration.md', selector: { type: 'TextQuoteSelector', exact: 'known zero' } } },
        { target: {} },
      ]),
    );
    const r = reader(['notes', 'import', file, '--book', book]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('imported 1, already present 1; anchored 1, review 0, orphans 0; skipped 1');
    expect(r.out).toMatch(/entry 2: target/);
  }, 90_000);

  it('errors: a missing --book is bad usage (2); an unreadable or non-JSON file fails (1) with a clear message', () => {
    const noBook = reader(['notes', 'import', 'x.json']);
    expect([noBook.code, noBook.err]).toEqual([2, expect.stringContaining('--book <bookDir> is required')]);
    const missing = reader(['notes', 'import', join(base, 'nope.json'), '--book', book]);
    expect([missing.code, missing.err]).toEqual([1, expect.stringContaining('Cannot read')]);
    const bad = join(base, 'bad.json');
    writeFileSync(bad, '{ nope');
    const notJson = reader(['notes', 'import', bad, '--book', book]);
    expect([notJson.code, notJson.err]).toEqual([1, expect.stringContaining('not JSON')]);
    expect(reader(['notes', 'publish', book]).code).toBe(2);
  }, 120_000);

  // /dev/zero never ends: read whole, it hung until memory ran out. Only as much as an import may hold is read.
  it('a directory, an endless device or an oversized file fails (1) with a clear message', () => {
    const dir = reader(['notes', 'import', base, '--book', book]);
    expect([dir.code, dir.err]).toEqual([1, expect.stringContaining('Cannot read')]);
    if (existsSync('/dev/zero')) {
      const zero = reader(['notes', 'import', '/dev/zero', '--book', book]);
      expect([zero.code, zero.err]).toEqual([1, expect.stringMatching(/too large/)]);
    }
    const big = join(base, 'big.json');
    writeFileSync(big, `[${' '.repeat(NOTES_FILE_MAX_CHARS * 4)}]`);
    const tooBig = reader(['notes', 'import', big, '--book', book]);
    expect([tooBig.code, tooBig.err]).toEqual([1, expect.stringMatching(/too large/)]);
  }, 120_000);
});

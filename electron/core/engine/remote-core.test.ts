/**
 * The reader core in a real child process (engine-process.ts forked under tsx) on a temp data dir: calls, the
 * engine's own input validation and error codes, events, bookDir, a killed engine (calls in flight rejected, a new
 * process started, the page told) and a kill -9 in the middle of writes leaving the SQLite library whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CraftedBooks } from '../../../tests/fixtures/crafted-book.js';
import { ReaderError, type MethodName, type ReaderEvents } from '../contract.js';
import { bundledBookDir } from '../paths.js';
import { forkEngine, type ForkedEngine } from './fork-engine.js';
import { startRemoteCore, type RemoteCore } from './remote-core.js';

const books = new CraftedBooks();
let base: string;
let bookDir: string;
let core: RemoteCore;
let engines: ForkedEngine[];

const page = (title: string, n: number) => `---\ntitle: ${title}\nsidebar_position: ${n}\n---\n# ${title}\n\nText about ${title.toLowerCase()}.\n`;

beforeAll(() => {
  bookDir = books.folder({
    '_category_.json': JSON.stringify({ label: 'Crafted Robotics' }),
    ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`ch${i}.md`, page(`Chapter ${i}`, i + 1)])),
  });
});
afterAll(() => books.cleanup());

function start(dataDir: string): RemoteCore {
  engines = [];
  return startRemoteCore(
    () => {
      const engine = forkEngine();
      engines.push(engine);
      return engine;
    },
    { dataDir, bundledBookDir: bundledBookDir(), indexOnImport: false },
  );
}

const killEngine = () => process.kill(engines.at(-1)!.pid!, 'SIGKILL');
const nextEvent = <E extends keyof ReaderEvents>(event: E) =>
  new Promise<ReaderEvents[E]>((resolve) => {
    const off = core.on(event, (payload) => {
      off();
      resolve(payload);
    });
  });
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof ReaderError ? err.code : `not a ReaderError: ${String(err)}`),
  );

describe('remote core over a child process', () => {
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'remote-core-'));
    core = start(join(base, 'data'));
    await core.ready;
  });
  afterAll(async () => {
    await core.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('answers calls: the bundled book is in the library, settings persist', async () => {
    const list = await core.listBooks({});
    expect(list.map((b) => b.id)).toContain('bundled');
    const settings = await core.setSettings({ fontSize: 22 });
    expect(settings.fontSize).toBe(22);
    expect((await core.getSettings({})).fontSize).toBe(22);
  });

  it('validates input in the engine and keeps the error codes', async () => {
    // Straight to the relay, past any host: the engine process checks input itself.
    expect(await codeOf(core.setSettings({ fontSize: 5 }))).toBe('invalid_input');
    const bypass = core as unknown as Record<MethodName, (input: unknown) => Promise<unknown>>;
    expect(await codeOf(bypass.listBooks({ extra: 1 }))).toBe('invalid_input');
    expect(await codeOf(core.getToc({ bookId: 'no-such-book' }))).toBe('not_found');
  });

  it('forwards events and answers bookDir', async () => {
    const changed = nextEvent('libraryChanged');
    const result = await core.importBook({ dir: bookDir });
    expect(result.chapterCount).toBe(20);
    expect(await changed).toEqual({ bookId: result.bookId });
    expect(await core.bookDir(result.bookId)).toBe(bookDir);
    expect(await core.bookDir('no-such-book')).toBeNull();
  });

  it('rejects calls in flight when the engine dies, restarts it and says so; the data is still there', async () => {
    const restarted = nextEvent('engineRestarted');
    const inFlight = core.importBook({ dir: bookDir });
    killEngine();
    expect(await codeOf(inFlight)).toBe('unavailable');
    // A call made while the new process starts waits for it.
    const settings = core.getSettings({});
    expect((await restarted).message).toMatch(/stopped and was restarted/);
    expect((await settings).fontSize).toBe(22);
    expect(engines).toHaveLength(2);
    expect((await core.listBooks({})).length).toBe(2);
  });
});

describe('an engine killed while starting', () => {
  it('is started again, unannounced: no call had failed', async () => {
    base = mkdtempSync(join(tmpdir(), 'remote-core-start-'));
    core = start(join(base, 'data'));
    let announced = false;
    core.on('engineRestarted', () => (announced = true));
    killEngine();
    await core.ready;
    expect(engines).toHaveLength(2);
    expect((await core.listBooks({})).map((b) => b.id)).toEqual(['bundled']);
    expect(announced).toBe(false);
    await core.close();
    rmSync(base, { recursive: true, force: true });
  });
});

describe('kill -9 in the middle of writes', () => {
  afterEach(async () => {
    await core.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('leaves a readable, consistent library after a settings storm and an import', async () => {
    base = mkdtempSync(join(tmpdir(), 'remote-core-kill-'));
    const dataDir = join(base, 'data');
    core = start(dataDir);
    await core.ready;
    const restarted = nextEvent('engineRestarted');
    const importing = core.importBook({ dir: bookDir }).catch((err: unknown) => err);
    let saved = 0;
    const storm = Array.from({ length: 400 }, (_, i) =>
      core.setSettings({ fontSize: 12 + (i % 20) }).then(
        () => saved++,
        (err: unknown) => err,
      ),
    );
    // Kill once writes are under way, not before the first lands.
    while (saved < 20) await new Promise((resolve) => setTimeout(resolve, 1));
    killEngine();
    await Promise.all([importing, ...storm]);
    await restarted;

    const settings = await core.getSettings({});
    expect(settings.fontSize).toBeGreaterThanOrEqual(12);
    expect(settings.fontSize).toBeLessThan(32);
    for (const book of await core.listBooks({})) {
      expect((await core.getToc({ bookId: book.id })).length).toBe(book.chapterCount);
    }
    await core.close();
    const db = new Database(join(dataDir, 'library.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});

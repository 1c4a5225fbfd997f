/**
 * The Electron host end to end, minus Electron (its binary is not installed here): the real preload builds
 * `window.reader`, calls travel through a stand-in for Electron's IPC (structured-cloned like the real one) to the
 * real main-process binding, which runs the real reader core on a temp data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames, methodNames, ReaderError as CoreError, type ReaderApi } from '../core/contract.js';
import { bundledBookDir } from '../core/paths.js';
import { createReaderCore, type ReaderCore } from '../core/reader-core.js';
import { ReaderError, withReaderErrors } from '../../renderer/src/reader-error.js';

type Handler = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, message: unknown) => void;

const fake = vi.hoisted(() => {
  const mainFrame = { url: 'app://reader/index.html', parent: null, processId: 7, frameToken: 'main-frame' };
  const state = {
    handlers: new Map<string, Handler>(),
    listeners: new Map<string, Set<Listener>>(),
    exposed: new Map<string, unknown>(),
    senderFrame: mainFrame as unknown,
    mainFrame,
  };
  const win = {
    isDestroyed: () => false,
    webContents: {
      mainFrame,
      send: (channel: string, message: unknown) => {
        for (const l of state.listeners.get(channel) ?? []) l({}, structuredClone(message));
      },
    },
  };
  return { state, win };
});

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => fake.state.handlers.set(channel, fn),
    removeHandler: (channel: string) => fake.state.handlers.delete(channel),
  },
  ipcRenderer: {
    async invoke(channel: string, ...args: unknown[]) {
      const handler = fake.state.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: fake.state.senderFrame }, ...structuredClone(args)));
    },
    on(channel: string, listener: Listener) {
      const set = fake.state.listeners.get(channel) ?? new Set();
      set.add(listener);
      fake.state.listeners.set(channel, set);
    },
    removeListener(channel: string, listener: Listener) {
      fake.state.listeners.get(channel)?.delete(listener);
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.state.exposed.set(key, api),
  },
}));

let dataDir: string;
let core: ReaderCore;
let reader: ReaderApi;
let unbind: () => void;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipc-roundtrip-'));
  core = createReaderCore({ dataDir, bundledBookDir: bundledBookDir() });
  const { bindReaderApi } = await import('./ipc.js');
  unbind = bindReaderApi(Promise.resolve(core), () => fake.win as never, null);
  // What electron.vite.config.ts bakes into the preload at build time.
  vi.stubGlobal('__READER_METHOD_NAMES__', methodNames);
  vi.stubGlobal('__READER_EVENT_NAMES__', eventNames);
  await import('../preload/index.js');
  reader = fake.state.exposed.get('reader') as ReaderApi;
});

afterAll(async () => {
  unbind();
  await core.close();
  vi.unstubAllGlobals();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Electron host round trip', () => {
  it('exposes exactly the contract methods plus on, and nothing else on window', () => {
    expect([...fake.state.exposed.keys()]).toEqual(['reader']);
    expect(Object.keys(reader).sort()).toEqual([...methodNames, 'on'].sort());
    expect([...fake.state.handlers.keys()].length).toBe(methodNames.length);
  });

  it('answers calls with the real core: the bundled book, its contents and a chapter', async () => {
    const books = await reader.listBooks({});
    expect(books.length).toBe(1);
    const book = books[0]!;
    expect(book.bundled).toBe(true);
    const toc = await reader.getToc({ bookId: book.id });
    expect(toc.length).toBe(book.chapterCount);
    const chapter = await reader.openChapter({ bookId: book.id, chapterId: toc[0]!.id });
    expect(chapter.html.length).toBeGreaterThan(100);
    await reader.saveProgress({ bookId: book.id, chapterId: toc[0]!.id, position: 0.4 });
    expect((await reader.openChapter({ bookId: book.id, chapterId: toc[0]!.id })).position).toBeCloseTo(0.4);
  });

  it('rejects bad input with the schema message and missing things with the core message', async () => {
    await expect(reader.openChapter({ bookId: '', chapterId: 'x' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Invalid input: bookId/),
      details: { field: 'bookId' },
    });
    await expect(reader.saveProgress({ bookId: 'bundled', chapterId: 'x', position: 7 })).rejects.toMatchObject({
      message: expect.stringMatching(/Invalid input: position/),
    });
    await expect(
      (reader.listBooks as (input: unknown) => Promise<unknown>)({ sneaky: true }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(reader.getToc({ bookId: 'no-such-book' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'That book is not in the library.',
    });
  });

  it('carries an error raised in the core to the page whole: a ReaderError with its code and details', async () => {
    const page = withReaderErrors(reader);
    const getToc = vi
      .spyOn(core, 'getToc')
      .mockRejectedValue(new CoreError('invalid_input', 'Pick another email.', { field: 'email', kind: 'rejected' }));
    try {
      const err: unknown = await page.getToc({ bookId: 'bundled' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReaderError);
      expect(err).toMatchObject({ code: 'invalid_input', message: 'Pick another email.', details: { field: 'email', kind: 'rejected' } });
      getToc.mockRejectedValue(new Error('SQLITE_CORRUPT at /home/me/secret'));
      const hidden: unknown = await page.getToc({ bookId: 'bundled' }).catch((e: unknown) => e);
      expect(hidden).toMatchObject({ code: 'internal', details: {} });
      expect(JSON.stringify(hidden) + String(hidden)).not.toContain('secret');
    } finally {
      getToc.mockRestore();
    }
  });

  it('refuses calls from any frame but our window main frame, before touching the core', async () => {
    const listBooks = vi.spyOn(core, 'listBooks');
    try {
      fake.state.senderFrame = { ...fake.state.mainFrame, frameToken: 'iframe', parent: fake.state.mainFrame };
      await expect(reader.listBooks({})).rejects.toThrow('Refused.');
      fake.state.senderFrame = { ...fake.state.mainFrame, url: 'https://example.com/' };
      await expect(reader.listBooks({})).rejects.toThrow('Refused.');
      fake.state.senderFrame = null;
      await expect(reader.listBooks({})).rejects.toThrow('Refused.');
      expect(listBooks).not.toHaveBeenCalled();
    } finally {
      fake.state.senderFrame = fake.state.mainFrame;
      listBooks.mockRestore();
    }
  });

  it('holds calls made while the core is still starting, then answers them', async () => {
    const { bindReaderApi } = await import('./ipc.js');
    unbind();
    let ready!: (c: ReaderCore) => void;
    unbind = bindReaderApi(new Promise<ReaderCore>((r) => (ready = r)), () => fake.win as never, null);
    let settled = false;
    const pending = reader.listBooks({}).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    ready(core);
    expect((await pending).map((b) => b.id)).toEqual(['bundled']);
  });

  it('forwards engine events to on() listeners until they unsubscribe', async () => {
    const seen: string[] = [];
    const off = reader.on('libraryChanged', (payload) => seen.push(payload.bookId));
    await reader.importBook({ dir: bundledBookDir() });
    expect(seen).toEqual(['bundled']);
    off();
    await reader.importBook({ dir: bundledBookDir() });
    expect(seen).toEqual(['bundled']);
    expect(() => reader.on('noSuchEvent' as never, () => {})).toThrow(/Unknown reader event/);
  });
});

/**
 * The updater's state machine against a real release feed on 127.0.0.1 (G's feed reader as the port's check), with
 * the mode from G's decision functions; and the relay that puts it in front of a real reader core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReaderError } from '../reader-error.js';
import { createReaderCore } from '../reader-core.js';
import type { UpdateMode } from '../policy/policy-types.js';
import type { InstallKind } from './install-kind.js';
import { readReleaseFeed } from './release-feed.js';
import { createUpdateController, NO_FEED_MESSAGE, type UpdaterPort } from './update-controller.js';
import { updateModeFor } from './update-decision.js';
import { withUpdater } from './update-relay.js';
import { UNSUPPORTED_UPDATE_STATE, type UpdateState } from './update-state.js';

const feeds: Record<string, string> = {
  newer: ['version: 0.3.0', 'files:', '  - url: reader-0.3.0.AppImage', '    sha512: eA==', 'releaseNotes: Search finds formulas now.'].join('\n'),
  same: ['version: 0.1.0', 'files:', '  - url: reader-0.1.0.AppImage', '    sha512: eA=='].join('\n'),
};
const requests: string[] = [];
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const [, name, file] = (req.url ?? '').split('/');
    const body = name !== undefined && file === 'latest-linux.yml' ? feeds[name] : undefined;
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const hits = (feed: string) => requests.filter((r) => r.startsWith(`/${feed}/`)).length;

function setup(options: { feed: string; policy: UpdateMode | null; kind: InstallKind; download?: UpdaterPort['download'] }) {
  const installed: string[] = [];
  const warnings: string[] = [];
  const port: UpdaterPort = {
    check: () => readReleaseFeed({ baseUrl: `${base}/${options.feed}`, platform: 'linux', currentVersion: '0.1.0' }),
    download:
      options.download ??
      (async (onProgress) => {
        for (const p of [10, 55.4, 100]) onProgress(p);
      }),
    install: () => void installed.push(options.feed),
  };
  const controller = createUpdateController({
    decision: updateModeFor(options.policy, options.kind),
    installKind: options.kind,
    port,
    log: { info: () => undefined, warn: (m) => void warnings.push(m) },
  });
  const seen: UpdateState[] = [];
  controller.on((s) => seen.push(s));
  return { controller, seen, installed, warnings };
}

describe('the update controller', () => {
  it('never reads the feed in off mode, by policy, checked by hand or on a schedule', async () => {
    for (const kind of ['appimage', 'deb', 'nsis-user', 'nsis-machine', 'mac'] as const) {
      const { controller, seen } = setup({ feed: 'newer', policy: 'off', kind });
      const before = hits('newer');
      const stop = controller.schedule({ firstDelayMs: 0, intervalMs: 5 });
      await controller.check();
      await new Promise((r) => setTimeout(r, 30));
      stop();
      expect(hits('newer')).toBe(before);
      expect(seen).toEqual([]);
      expect(controller.getState()).toMatchObject({ mode: 'off', installKind: kind, state: 'idle', message: expect.stringContaining('administrator') });
    }
  });

  it('offers, downloads with progress and installs on an install that updates itself (auto)', async () => {
    const { controller, seen, installed } = setup({ feed: 'newer', policy: null, kind: 'appimage' });
    await controller.check();
    expect(controller.getState()).toEqual({
      mode: 'auto',
      installKind: 'appimage',
      state: 'available',
      version: '0.3.0',
      canInstall: true,
      releaseNotes: 'Search finds formulas now.',
    });
    expect(() => controller.install()).toThrow(ReaderError);
    await controller.download();
    expect(seen.map((s) => [s.state, s.progress])).toEqual([
      ['checking', undefined],
      ['available', undefined],
      ['downloading', 0],
      ['downloading', 10],
      ['downloading', 55],
      ['downloading', 100],
      ['ready', undefined],
    ]);
    expect(controller.getState()).toMatchObject({ state: 'ready', version: '0.3.0' });
    controller.install();
    expect(installed).toEqual(['newer']);
  });

  it('only tells deb and per-machine installs, even when the policy asks for auto', async () => {
    for (const kind of ['deb', 'nsis-machine'] as const) {
      for (const policy of [null, 'auto', 'notify'] as const) {
        const { controller } = setup({ feed: 'newer', policy, kind });
        const before = hits('newer');
        await controller.check();
        expect(hits('newer')).toBe(before + 1);
        expect(controller.getState()).toMatchObject({ mode: 'notify', state: 'available', version: '0.3.0', canInstall: false });
        await expect(controller.download()).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('administrator') });
        expect(controller.getState().state).toBe('available');
      }
    }
  });

  it('says none when the feed has nothing newer', async () => {
    const { controller } = setup({ feed: 'same', policy: 'auto', kind: 'nsis-user' });
    await controller.check();
    expect(controller.getState()).toEqual({ mode: 'auto', installKind: 'nsis-user', state: 'none' });
  });

  it('logs a feed it cannot read, and keeps a notice already shown', async () => {
    const { controller, warnings } = setup({ feed: 'missing', policy: null, kind: 'mac' });
    await controller.check();
    expect(controller.getState()).toMatchObject({ state: 'error', message: 'Could not check for updates.' });
    expect(warnings).toEqual(['could not check for updates']);

    feeds.flaky = feeds.newer!;
    const shown = setup({ feed: 'flaky', policy: null, kind: 'mac' });
    await shown.controller.check();
    const available = shown.controller.getState();
    expect(available).toMatchObject({ state: 'available', version: '0.3.0' });
    feeds.flaky = 'version: [broken';
    await shown.controller.check();
    expect(shown.controller.getState()).toEqual(available);
    expect(shown.warnings).toEqual(['could not check for updates']);
  });

  it('reports a failed download once, keeps the version, and lets the user try again', async () => {
    let attempts = 0;
    const { controller, warnings } = setup({
      feed: 'newer',
      policy: 'auto',
      kind: 'appimage',
      download: async (onProgress) => {
        attempts++;
        onProgress(40);
        if (attempts === 1) throw new Error('connection reset');
      },
    });
    await controller.check();
    await controller.download();
    expect(controller.getState()).toMatchObject({ state: 'error', version: '0.3.0', canInstall: true, message: expect.stringContaining('0.3.0') });
    expect(warnings).toEqual(['the update did not download']);
    await controller.download();
    expect(controller.getState()).toMatchObject({ state: 'ready', version: '0.3.0' });
  });

  it('checks at once and then on its interval, until stopped', async () => {
    const { controller } = setup({ feed: 'same', policy: 'notify', kind: 'deb' });
    const before = hits('same');
    const stop = controller.schedule({ firstDelayMs: 0, intervalMs: 15 });
    await vi.waitFor(() => expect(hits('same') - before).toBeGreaterThanOrEqual(2), { timeout: 5000 });
    stop();
    // A check already on its way when stopped still lands.
    await vi.waitFor(() => expect(controller.getState().state).toBe('none'), { timeout: 5000 });
    const after = hits('same');
    await new Promise((r) => setTimeout(r, 80));
    expect(hits('same')).toBe(after);
  });

  it('is unsupported without a release feed (no app-update.yml), and never checks', async () => {
    const controller = createUpdateController({ decision: updateModeFor(null, 'appimage'), installKind: 'appimage', port: null, log: { info: () => undefined, warn: () => undefined } });
    await controller.check();
    expect(controller.getState()).toEqual({ mode: 'auto', installKind: 'appimage', state: 'unsupported', message: NO_FEED_MESSAGE });
  });
});

describe('the updater in front of the engine', () => {
  it('answers update calls and events from the updater, and everything else from the engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-update-relay-'));
    const core = createReaderCore({ dataDir: join(dir, 'data'), indexOnImport: false });
    try {
      expect(await core.getUpdateState({})).toEqual(UNSUPPORTED_UPDATE_STATE);
      await expect(core.downloadUpdate({})).rejects.toMatchObject({ code: 'unavailable' });
      await expect(core.installUpdate({})).rejects.toMatchObject({ code: 'unavailable' });

      const { controller } = setup({ feed: 'newer', policy: null, kind: 'appimage' });
      const relayed = withUpdater(core, controller);
      const events: UpdateState[] = [];
      const off = relayed.on('updateState', (s) => events.push(s));
      await controller.check();
      expect(await relayed.getUpdateState({})).toMatchObject({ state: 'available', version: '0.3.0' });
      expect(events.map((e) => e.state)).toEqual(['checking', 'available']);
      expect(await relayed.downloadUpdate({})).toEqual({ ok: true });
      expect(await relayed.installUpdate({})).toEqual({ ok: true });
      expect(events.map((e) => e.state).slice(-2)).toEqual(['downloading', 'ready']);
      off();
      const fresh = setup({ feed: 'newer', policy: null, kind: 'appimage' });
      const freshEvents: UpdateState[] = [];
      withUpdater(core, fresh.controller).on('updateState', (s) => freshEvents.push(s))();
      await fresh.controller.check();
      expect(freshEvents).toEqual([]);
      expect(await relayed.listBooks({})).toEqual(await core.listBooks({}));
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

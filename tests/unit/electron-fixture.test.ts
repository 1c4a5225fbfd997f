// The Playwright-for-Electron fixture's decisions, which run everywhere: when each project can run, what it
// launches, and the environment the app gets (the Electron build of better-sqlite3 by configuration, since
// Playwright drops NODE_OPTIONS).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesktopConfig } from '../../electron/core/config/desktop-config.js';
import { displayProblem, electronLaunchEnv, electronTarget } from '../e2e/support/electron-app.js';

describe('the Electron fixture', () => {
  it('skips on Linux without a display, with the reason; runs with X11 or Wayland, or off Linux', () => {
    expect(displayProblem({}, 'linux')).toMatch(/neither DISPLAY nor WAYLAND_DISPLAY.*xvfb-run/);
    expect(displayProblem({ DISPLAY: ':99' }, 'linux')).toBeNull();
    expect(displayProblem({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(displayProblem({}, 'darwin')).toBeNull();
    expect(displayProblem({}, 'win32')).toBeNull();
  });

  it('runs the packaged project only against an existing test build named by READER_E2E_APP', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixture-'));
    try {
      expect(electronTarget(true, { DISPLAY: ':1' })).toEqual({ skip: expect.stringMatching(/READER_E2E_APP is not set/) });
      expect(electronTarget(true, { DISPLAY: ':1', READER_E2E_APP: join(dir, 'nope') })).toEqual({ skip: expect.stringMatching(/does not exist/) });
      const app = join(dir, 'physical-ai-reader-test-build');
      writeFileSync(app, '');
      expect(electronTarget(true, { DISPLAY: ':1', READER_E2E_APP: app })).toEqual({ kind: 'packaged', executable: app });
      if (process.platform === 'linux') expect(electronTarget(true, { READER_E2E_APP: app })).toEqual({ skip: expect.stringMatching(/no display/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the app its temp data dir over anything inherited, and a spec’s settings over the caller’s', () => {
    const target = { kind: 'packaged', executable: '/x' } as const;
    const env = electronLaunchEnv(target, '/tmp/d', { READER_REMOTE_URL: 'http://127.0.0.1:5' }, {
      READER_DATA_DIR: '/home/u/real',
      READER_REMOTE_URL: 'https://real.example.edu',
      READER_SQLITE_BINDING: '/somewhere/better_sqlite3.node',
      PATH: '/usr/bin',
    });
    expect(env).toEqual({ READER_DATA_DIR: '/tmp/d', READER_REMOTE_URL: 'http://127.0.0.1:5', PATH: '/usr/bin' });
    // A packaged build carries its own rebuilt addon: no binding is passed to it.
    expect(loadDesktopConfig(env, 'linux').sqliteBinding).toBeUndefined();
  });

  it('passes the development build a READER_SQLITE_BINDING the configuration accepts, when the Electron copy exists', () => {
    const env = electronLaunchEnv({ kind: 'development', executable: '/x' }, '/tmp/d', {}, {});
    const config = loadDesktopConfig(env, 'linux');
    expect(config.dataDir).toBe('/tmp/d');
    if (env.READER_SQLITE_BINDING) expect(config.sqliteBinding).toMatch(/electron-abi.*better_sqlite3\.node$/);
    else expect(config.sqliteBinding).toBeUndefined();
  });
});

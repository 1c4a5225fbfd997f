/**
 * Update decisions for each policy mode x install kind x feed state, with the feed read from a real HTTP server on
 * 127.0.0.1 serving electron-builder's generic-provider files.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateMode } from '../policy/policy-types.js';
import { installKindOf, type InstallKind } from './install-kind.js';
import { compareVersions, readReleaseFeed } from './release-feed.js';
import { shouldCheck, updateModeFor, updateOffer, type FeedState } from './update-decision.js';

const CURRENT = '0.1.0';
/** Each fake feed folder: what its latest-linux.yml says (null: no file, the server answers 404). */
const feeds: Record<string, string | null> = {
  newer: [
    'version: 0.2.0',
    'files:',
    '  - url: physical-ai-reader-0.2.0.AppImage',
    '    sha512: c2hhNTEyIG9mIHRoZSBpbWFnZQ==',
    '    size: 123456',
    'path: physical-ai-reader-0.2.0.AppImage',
    'sha512: c2hhNTEyIG9mIHRoZSBpbWFnZQ==',
    "releaseDate: '2026-11-20T10:00:00.000Z'",
    'releaseNotes: Highlights sync between machines.',
  ].join('\n'),
  same: ['version: 0.1.0', 'files:', '  - url: a.AppImage', '    sha512: eA=='].join('\n'),
  older: ['version: 0.0.9', 'files:', '  - url: a.AppImage', '    sha512: eA=='].join('\n'),
  garbage: 'version: [not, a, version',
  missing: null,
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const [, feed, file] = (req.url ?? '').split('/');
    const body = feed !== undefined ? feeds[feed] : undefined;
    if (file !== 'latest-linux.yml' || body === undefined || body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const feed = (name: string) => readReleaseFeed({ baseUrl: `${base}/${name}`, platform: 'linux', currentVersion: CURRENT });

describe('the release feed', () => {
  it('finds a newer version with its notes', async () => {
    expect(await feed('newer')).toEqual({
      kind: 'available',
      version: '0.2.0',
      releaseNotes: 'Highlights sync between machines.',
      releaseDate: '2026-11-20T10:00:00.000Z',
    });
  });

  it('says current for the same or an older version', async () => {
    expect(await feed('same')).toEqual({ kind: 'current', version: CURRENT });
    expect(await feed('older')).toEqual({ kind: 'current', version: CURRENT });
  });

  it('reports a missing or broken feed as unreachable, without throwing', async () => {
    expect(await feed('missing')).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/answered 404/) as string });
    expect(await feed('garbage')).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(/not YAML/) as string });
    const closed = await readReleaseFeed({ baseUrl: 'http://127.0.0.1:9/feed', platform: 'linux', currentVersion: CURRENT, timeoutMs: 2000 });
    expect(closed.kind).toBe('unreachable');
  });

  it('orders versions, pre-releases before their release', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0.0-beta.2', '1.0.0-beta.10')).toBe(-1);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(() => compareVersions('latest', '1.0.0')).toThrow(/Not a version: latest/);
  });
});

describe('the update mode', () => {
  const kinds: InstallKind[] = ['appimage', 'nsis-user', 'mac', 'deb', 'nsis-machine', 'unpackaged'];
  // Expected mode per policy (columns) for each install kind (rows), written out rather than derived.
  const expected: Record<InstallKind, Record<'none' | UpdateMode, UpdateMode>> = {
    appimage: { none: 'auto', auto: 'auto', notify: 'notify', off: 'off' },
    'nsis-user': { none: 'auto', auto: 'auto', notify: 'notify', off: 'off' },
    mac: { none: 'auto', auto: 'auto', notify: 'notify', off: 'off' },
    deb: { none: 'notify', auto: 'notify', notify: 'notify', off: 'off' },
    'nsis-machine': { none: 'notify', auto: 'notify', notify: 'notify', off: 'off' },
    unpackaged: { none: 'off', auto: 'off', notify: 'off', off: 'off' },
  };
  it.each(kinds)('%s: policy none/auto/notify/off', (kind) => {
    const got = {
      none: updateModeFor(null, kind).mode,
      auto: updateModeFor('auto', kind).mode,
      notify: updateModeFor('notify', kind).mode,
      off: updateModeFor('off', kind).mode,
    };
    expect(got).toEqual(expected[kind]);
  });

  it('says whether the policy or the install decided', () => {
    expect(updateModeFor('off', 'appimage')).toEqual({ mode: 'off', reason: 'policy' });
    expect(updateModeFor(null, 'deb')).toEqual({ mode: 'notify', reason: 'install' });
    expect(updateModeFor('auto', 'deb')).toEqual({ mode: 'notify', reason: 'install' });
  });

  it('tells the install kind from the running app', () => {
    const win = { platform: 'win32' as const, packaged: true, appImage: undefined, localAppData: 'C:\\Users\\ada\\AppData\\Local' };
    expect(installKindOf({ ...win, exePath: 'C:\\Users\\ada\\AppData\\Local\\Programs\\physical-ai-reader\\Physical AI Reader.exe' })).toBe('nsis-user');
    expect(installKindOf({ ...win, exePath: 'C:\\Program Files\\Physical AI Reader\\Physical AI Reader.exe' })).toBe('nsis-machine');
    const linux = { platform: 'linux' as const, packaged: true, localAppData: undefined, exePath: '/opt/Physical AI Reader/physical-ai-reader' };
    expect(installKindOf({ ...linux, appImage: '/home/ada/Physical-AI-Reader.AppImage' })).toBe('appimage');
    expect(installKindOf({ ...linux, appImage: undefined })).toBe('deb');
    expect(installKindOf({ ...linux, appImage: undefined, packaged: false })).toBe('unpackaged');
    expect(installKindOf({ ...linux, platform: 'darwin', appImage: undefined })).toBe('mac');
  });
});

describe('what the user is shown (mode x feed state, feed read from the fake server)', () => {
  const shown = async (mode: UpdateMode, name: string) => {
    // Off never reads the feed at all.
    const state: FeedState = shouldCheck(mode) ? await feed(name) : { kind: 'unreachable', message: 'not checked' };
    return updateOffer(mode, state);
  };
  const offer = (canInstall: boolean) => ({ kind: 'available', version: '0.2.0', releaseNotes: 'Highlights sync between machines.', canInstall });

  it.each([
    ['auto', 'newer', offer(true)],
    ['notify', 'newer', offer(false)],
    ['off', 'newer', { kind: 'none' }],
    ['auto', 'same', { kind: 'none' }],
    ['notify', 'older', { kind: 'none' }],
    ['auto', 'missing', { kind: 'none' }],
    ['notify', 'garbage', { kind: 'none' }],
  ] as const)('mode %s, feed %s', async (mode, name, expectedOffer) => {
    expect(await shown(mode, name)).toEqual(expectedOffer);
  });

  it('off does not even check', () => {
    expect(shouldCheck('off')).toBe(false);
    expect(shouldCheck('notify')).toBe(true);
    expect(shouldCheck('auto')).toBe(true);
  });
});

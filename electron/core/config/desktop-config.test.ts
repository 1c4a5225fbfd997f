import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import { DEFAULT_AUDIENCE, DEFAULT_KEYCHAIN_SERVICE, loadDesktopConfig } from './desktop-config.js';

const nodeAddon = join(projectRoot(), 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

describe('desktop configuration', () => {
  it('has a default for every setting', () => {
    const c = loadDesktopConfig({}, 'linux');
    expect(c).toEqual({
      dataDir: join(homedir(), '.config', 'physical-ai-reader'),
      remote: { url: undefined, issuer: undefined, audience: DEFAULT_AUDIENCE },
      keychainService: DEFAULT_KEYCHAIN_SERVICE,
      log: { level: 'info', stderr: undefined },
      maxChapterBytes: undefined,
      rendererDevUrl: undefined,
      sqliteBinding: undefined,
      policyPath: undefined,
      programData: undefined,
    });
  });

  it('reads each variable', () => {
    const c = loadDesktopConfig(
      {
        READER_DATA_DIR: ' lab/data ',
        READER_REMOTE_URL: 'https://reader.example.edu/',
        READER_REMOTE_ISSUER: 'https://issuer.example.edu',
        READER_REMOTE_AUDIENCE: 'lab-readers',
        READER_KEYCHAIN_SERVICE: 'lab-7',
        READER_LOG_LEVEL: 'debug',
        READER_LOG_STDERR: '0',
        READER_MAX_CHAPTER_BYTES: '1000',
        ELECTRON_RENDERER_URL: 'http://localhost:5173',
        READER_SQLITE_BINDING: nodeAddon,
        READER_POLICY_PATH: 'trial/policy.json',
        ProgramData: 'D:\\ProgramData',
      },
      'linux',
    );
    expect(c).toEqual({
      dataDir: resolve('lab/data'),
      remote: { url: 'https://reader.example.edu', issuer: 'https://issuer.example.edu', audience: 'lab-readers' },
      keychainService: 'lab-7',
      log: { level: 'debug', stderr: false },
      maxChapterBytes: 1000,
      rendererDevUrl: 'http://localhost:5173',
      sqliteBinding: nodeAddon,
      policyPath: resolve('trial/policy.json'),
      programData: 'D:\\ProgramData',
    });
  });

  it('finds the per-user data dir as Electron lays it out on each platform', () => {
    expect(loadDesktopConfig({ XDG_CONFIG_HOME: '/home/u/.cfg' }, 'linux').dataDir).toBe('/home/u/.cfg/physical-ai-reader');
    // Windows: the local profile, never the roaming one (a lab's roaming profile would carry it to every PC).
    expect(loadDesktopConfig({ LOCALAPPDATA: 'C:/Users/u/AppData/Local', APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32').dataDir).toBe(
      join('C:/Users/u/AppData/Local', 'physical-ai-reader'),
    );
    expect(loadDesktopConfig({}, 'darwin').dataDir).toBe(join(homedir(), 'Library', 'Application Support', 'physical-ai-reader'));
  });

  it('treats an empty variable as unset', () => {
    expect(loadDesktopConfig({ READER_DATA_DIR: '', READER_LOG_LEVEL: '  ' }, 'linux')).toEqual(loadDesktopConfig({}, 'linux'));
  });

  it.each([
    ['READER_REMOTE_URL', 'http://example.com', /READER_REMOTE_URL: .*https/],
    ['READER_REMOTE_URL', 'not a url', /READER_REMOTE_URL: .*https/],
    ['READER_LOG_LEVEL', 'loud', /READER_LOG_LEVEL: must be one of debug, info, warn, error \(got "loud"\)/],
    ['READER_LOG_STDERR', 'yes', /READER_LOG_STDERR: must be 0 or 1/],
    ['READER_MAX_CHAPTER_BYTES', 'abc', /READER_MAX_CHAPTER_BYTES: must be a whole number of bytes/],
    ['READER_MAX_CHAPTER_BYTES', '-5', /READER_MAX_CHAPTER_BYTES: must be at least 1/],
    ['READER_MAX_CHAPTER_BYTES', '1.5', /READER_MAX_CHAPTER_BYTES: must be a whole number/],
    ['READER_MAX_CHAPTER_BYTES', '1e12', /READER_MAX_CHAPTER_BYTES: must be at most/],
    ['ELECTRON_RENDERER_URL', 'localhost', /ELECTRON_RENDERER_URL/],
    ['READER_SQLITE_BINDING', 'build/better_sqlite3.node', /READER_SQLITE_BINDING: must be an absolute path/],
    ['READER_SQLITE_BINDING', join(projectRoot(), 'no-such.node'), /READER_SQLITE_BINDING: must name an existing better_sqlite3.node/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadDesktopConfig({ [name]: value }, 'linux')).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadDesktopConfig({ READER_LOG_LEVEL: 'loud', READER_MAX_CHAPTER_BYTES: 'x' }, 'linux')).toThrow(
      /Invalid reader configuration:\n {2}READER_LOG_LEVEL: .*\n {2}READER_MAX_CHAPTER_BYTES: /,
    );
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesktopConfig } from '../config/desktop-config.js';
import { logger, startLogging } from './program-log.js';
import { rotatingFile } from './rotating-file.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-logs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const linesOf = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('rotating log file', () => {
  it('rotates before a line would pass the size, keeping the newest files', () => {
    const dir = join(tempDir(), 'logs');
    const write = rotatingFile({ dir, name: 'engine', maxBytes: 100, keep: 2 });
    // 30 lines of 20 bytes (with the newline): 5 lines per file.
    for (let i = 0; i < 30; i++) write(`line ${String(i).padStart(2, '0')} ..........`);
    expect(readdirSync(dir).sort()).toEqual(['engine.1.log', 'engine.2.log', 'engine.log']);
    expect(linesOf(join(dir, 'engine.log'))).toEqual([25, 26, 27, 28, 29].map((i) => `line ${i} ..........`));
    expect(linesOf(join(dir, 'engine.1.log'))[0]).toBe('line 20 ..........');
    expect(linesOf(join(dir, 'engine.2.log'))[0]).toBe('line 15 ..........');
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
  });

  it('two writers on one file (two processes sharing a data dir) lose no line and cut none', () => {
    const dir = tempDir();
    const a = rotatingFile({ dir, name: 'shared', maxBytes: 200, keep: 50 });
    const b = rotatingFile({ dir, name: 'shared', maxBytes: 200, keep: 50 });
    const written: string[] = [];
    for (let i = 0; i < 100; i++) {
      const line = `${i % 2 ? 'a' : 'b'}-${i}-${'x'.repeat(i % 17)}`;
      (i % 2 ? a : b)(line);
      written.push(line);
    }
    const read = readdirSync(dir).flatMap((name) => linesOf(join(dir, name)));
    expect(read.sort()).toEqual(written.sort());
  });

  it.skipIf(process.platform === 'win32')('creates the folder and the files owner-only', () => {
    const dir = join(tempDir(), 'logs');
    const write = rotatingFile({ dir, name: 'main', maxBytes: 30, keep: 1 });
    write('first line of the log');
    write('second line of the log');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of ['main.log', 'main.1.log']) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });
});

describe('program logging', () => {
  it('sends every scope to DATA/logs/PROGRAM.log at the configured level, once started', () => {
    const dataDir = tempDir();
    const log = logger('library');
    startLogging({ program: 'web', dataDir, config: loadDesktopConfig({ READER_LOG_LEVEL: 'warn', READER_LOG_STDERR: '0' }), development: true });
    log.info('not at warn');
    log.warn('bundled book missing', { dir: '/opt/book', sessionToken: 'abc' });
    const [line, ...rest] = linesOf(join(dataDir, 'logs', 'web.log')).map((l) => JSON.parse(l));
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'warn', scope: 'library', msg: 'bundled book missing', dir: '/opt/book', sessionToken: '[redacted]' });
  });
});

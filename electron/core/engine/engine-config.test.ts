import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkEngine } from './fork-engine.js';
import { startRemoteCore } from './remote-core.js';

const dirs: string[] = [];
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-engine-config-'));
  dirs.push(dir);
  return dir;
};

describe('the engine process and its configuration', () => {
  it('a bad variable stops its start with an error naming the variable', async () => {
    // The engine reads the environment it was started with (the host's).
    process.env.READER_LOG_LEVEL = 'loud';
    const core = startRemoteCore(forkEngine, { dataDir: dataDir(), indexOnImport: false });
    await expect(core.ready).rejects.toThrow(/READER_LOG_LEVEL: must be one of debug, info, warn, error \(got "loud"\)/);
    await core.close();
  }, 60_000);

  it('logs to its own file in the data dir', async () => {
    process.env.READER_LOG_STDERR = '0';
    const dir = dataDir();
    // A bundled book folder with no book in it: the engine logs that it could not import it, and carries on.
    const notABook = join(dir, 'not-a-book');
    mkdirSync(notABook);
    const core = startRemoteCore(forkEngine, { dataDir: join(dir, 'data'), bundledBookDir: notABook, indexOnImport: false });
    await core.ready;
    await core.close();
    const file = join(dir, 'data', 'logs', 'engine.log');
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', scope: 'library', msg: 'could not import the bundled book' }));
  }, 60_000);
});

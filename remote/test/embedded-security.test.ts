import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '../../tests/fixtures/fake-groq.js';
import { chapter, mintJwt, postJson, readSse, signUp, startRemoteProcess, tempDir } from './harness.js';

let groq: FakeGroq;
const dirs: Array<{ remove: () => void }> = [];

beforeAll(async () => {
  groq = await startFakeGroq({ text: 'Rewritten on the embedded database.' });
});
afterAll(async () => {
  await groq?.close();
  for (const d of dirs) d.remove();
});

/** TCP ports the process listens on: its socket inodes matched against the LISTEN rows of /proc/net/tcp{,6}. */
/** Nothing configured but the data folder: what `npm run remote` does on a fresh clone. */
const embeddedEnv = (dataDir: string) => ({ DATABASE_URL: '', BETTER_AUTH_SECRET: '', REMOTE_DATA_DIR: dataDir, GROQ_BASE_URL: groq.url });

function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // the descriptor closed while we listed them
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols[1] local "ADDR:PORT" in hex, cols[3] state (0A = LISTEN), cols[9] inode
      if (cols[3] === '0A' && inodes.has(cols[9]!)) ports.push(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** Every entry under root with its permission bits, files and folders apart. */
function modes(root: string): { dirs: Record<string, number>; files: Record<string, number> } {
  const out = { dirs: {} as Record<string, number>, files: {} as Record<string, number> };
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isDirectory()) {
      out.dirs[path] = st.mode & 0o777;
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (st.isFile()) out.files[path] = st.mode & 0o777;
  };
  walk(root);
  return out;
}

function expectPrivate(root: string) {
  const { dirs: d, files: f } = modes(root);
  expect(Object.keys(f).length).toBeGreaterThan(10);
  expect(Object.entries(d).filter(([, m]) => m !== 0o700)).toEqual([]);
  expect(Object.entries(f).filter(([, m]) => m !== 0o600)).toEqual([]);
}

describe('embedded database (single-user development mode)', () => {
  it('opens no TCP port besides its HTTP port, and still signs up, mints tokens and personalizes', async () => {
    const dir = tempDir('reader-remote-embedded-sec-');
    dirs.push(dir);
    const remote = await startRemoteProcess(embeddedEnv(join(dir.path, 'data')));
    try {
      const httpPort = Number(new URL(remote.url).port);
      // No database socket another local user could connect to with any password.
      expect(listeningPorts(remote.pid)).toEqual([httpPort]);

      const { sessionToken } = await signUp(remote.url);
      const jwt = await mintJwt(remote.url, sessionToken);
      const res = await postJson(`${remote.url}/api/personalize`, chapter('# Embedded, no socket\n'), { authorization: `Bearer ${jwt}` });
      expect(res.status).toBe(200);
      expect((await readSse(res)).at(-1)).toMatchObject({ event: 'done', data: { complete: true } });
    } finally {
      await remote.close();
    }
  });

  it('keeps its data folder 0700 and every file 0600, and tightens a tree left readable by an older version', async () => {
    const dir = tempDir('reader-remote-embedded-modes-');
    dirs.push(dir);
    const data = join(dir.path, 'data');
    // What an older version left behind: world-readable folders and files, including the secret.
    mkdirSync(join(data, 'pgdata'), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    chmodSync(join(data, 'pgdata'), 0o755);
    writeFileSync(join(data, 'leftover.log'), 'session tokens were here', { mode: 0o644 });
    chmodSync(join(data, 'leftover.log'), 0o644);

    let remote = await startRemoteProcess(embeddedEnv(data));
    try {
      // Writes that reach the WAL after start-up (sessions) are created private too.
      await signUp(remote.url);
      expectPrivate(data);
    } finally {
      await remote.close();
    }
    // A restart on a tree someone loosened again tightens it before serving.
    chmodSync(join(data, 'pgdata'), 0o755);
    chmodSync(join(data, 'auth-secret'), 0o644);
    remote = await startRemoteProcess(embeddedEnv(data));
    try {
      expectPrivate(data);
    } finally {
      await remote.close();
    }
  });
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startRemote, type RunningRemote } from '../src/server.js';

/** Test helpers: start the real service against a given database and fake Groq, and talk to it over HTTP. */

export type TestRemote = RunningRemote & { logs: Record<string, unknown>[] };

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export async function startTestRemote(env: Record<string, string | undefined>): Promise<TestRemote> {
  const logs: Record<string, unknown>[] = [];
  const config = loadConfig({
    PORT: '0',
    BETTER_AUTH_SECRET: TEST_SECRET,
    GROQ_API_KEY: 'test-groq-key',
    GROQ_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'silent',
    // Most tests sign up many readers from 127.0.0.1; the rate-limit tests set their own limits.
    AUTH_RATE_MAX: '1000',
    ...env,
  });
  const remote = await startRemote(config, { migrate: true, log: (e) => logs.push(e) });
  return { ...remote, logs };
}

export type RemoteProcess = { url: string; pid: number; output: () => string; close: () => Promise<number | null> };

/**
 * `npm run remote` in a process of its own (so its sockets and exit code are its own), on the embedded database
 * unless `database` says Postgres (then env gives DATABASE_URL); `env` adds to or unsets (undefined) this
 * process's environment (LOG_LEVEL is silent unless env sets it). `output()`: everything it printed so far.
 */
export async function startRemoteProcess(env: Record<string, string | undefined>, database: 'embedded' | 'postgres' = 'embedded'): Promise<RemoteProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'remote/src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env, PORT: '0', GROQ_API_KEY: 'test-groq-key' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += String(d)));
  // Not destroyed when the loop returns: the process keeps printing (request logs) after it is up.
  for await (const chunk of child.stdout!.iterator({ destroyOnReturn: false })) {
    out += String(chunk);
    const m = new RegExp(`listening on (http://\\S+) \\(database: ${database}`).exec(out);
    if (m) {
      child.stdout!.on('data', (d) => (out += String(d)));
      return {
        url: m[1]!,
        pid: child.pid!,
        output: () => out,
        close: async () => {
          child.kill('SIGTERM');
          const [code] = await once(child, 'exit');
          return code as number | null;
        },
      };
    }
  }
  throw new Error(`npm run remote did not start:\n${out}`);
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

let counter = 0;
export function newAccount(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    email: `reader${counter}-${process.pid}-${Date.now()}@example.test`,
    password: 'correct horse battery',
    name: `Reader ${counter}`,
    softwareBackground: 'beginner',
    hardwareBackground: 'hobbyist',
    ...overrides,
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Sign up, returning the session token (for Bearer) and the user. */
export async function signUp(base: string, account = newAccount(), headers: Record<string, string> = {}) {
  const res = await postJson(`${base}/api/auth/sign-up/email`, account, headers);
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: Record<string, unknown> & { id: string } };
  return { account, sessionToken: body.token, user: body.user };
}

export async function mintJwt(base: string, sessionToken: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/token`, { headers: { authorization: `Bearer ${sessionToken}` } });
  if (res.status !== 200) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export type SseEvent = { event: string; data: any };

/** Reads a whole SSE response into events (data parsed as JSON). */
export async function readSse(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) };
    });
}

export const deltaText = (events: SseEvent[]) =>
  events
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text as string)
    .join('');

export const chapter = (markdown = '# Kinematics\n\nForward kinematics maps joint angles to a pose.\n\n```python\nprint(1)\n```\n') => ({
  chapterId: 'kinematics',
  title: 'Kinematics',
  markdown,
});

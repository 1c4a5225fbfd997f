/**
 * The web host over real HTTP with the real engine on a temp data dir: one-time launch token, session token in a
 * header, event tickets, Host and Origin checks, other local users refused, generic method dispatch with validation,
 * errors, body limits, book assets without traversal, SSE events.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledBookDir } from '../paths.js';
import { createReaderCore } from '../reader-core.js';
import { startWebHost, type WebHost } from './server.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let host: WebHost;
let core: Awaited<ReturnType<typeof createReaderCore>>;
let dataDir: string;
let staticDir: string;
let port: number;
let token: string;
let launch: string;

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const origin = () => `http://127.0.0.1:${port}`;
const post = (path: string, headers: Record<string, string>, body = '{}') =>
  send('POST', path, { Origin: origin(), 'Content-Type': 'application/json', ...headers }, body);
const api = (method: string, body: unknown, extra: Record<string, string> = {}) =>
  post(`/api/${method}`, { 'X-Reader-Token': token, ...extra }, JSON.stringify(body));
const exchange = async (headers: Record<string, string>) => {
  const reply = await post('/__reader/session', headers);
  return { status: reply.status, token: reply.status === 200 ? (JSON.parse(reply.body) as { token: string }).token : undefined };
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'web-host-test-'));
  staticDir = join(dataDir, 'renderer');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(join(staticDir, 'app.js'), 'console.log(1)');
  core = await createReaderCore({ dataDir: join(dataDir, 'data'), bundledBookDir: bundledBookDir() });
  host = await startWebHost({ core, staticDir });
  port = Number(new URL(host.url).port);
  launch = new URL(host.url).hash.replace(/^#launch=/, '');
  const first = await exchange({ 'X-Reader-Launch': launch });
  expect(first.status).toBe(200);
  token = first.token!;
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('access control', () => {
  it('listens on 127.0.0.1 with a long random launch token in the fragment, never in the query', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.search).toBe('');
    expect(launch.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses API calls without the session token, with a wrong one, and in a cookie', async () => {
    expect((await post('/api/listBooks', {})).status).toBe(401);
    expect((await post('/api/listBooks', { 'X-Reader-Token': 'wrong' })).status).toBe(401);
    expect((await post('/api/listBooks', { Cookie: `reader_key=${token}` })).status).toBe(401);
    expect((await post('/__reader/events-ticket', {})).status).toBe(401);
  });

  it('sets no cookie at all, so no other server on 127.0.0.1 can receive a credential', async () => {
    for (const reply of [await send('GET', '/'), await send('GET', `/?key=${launch}`), await post('/__reader/session', { 'X-Reader-Launch': launch })]) {
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('takes the launch token once, and each exchange rotates the session token', async () => {
    expect((await exchange({ 'X-Reader-Launch': launch })).status).toBe(401);
    const rotated = await exchange({ 'X-Reader-Token': token });
    expect(rotated.status).toBe(200);
    expect(rotated.token).not.toBe(token);
    expect((await api('listBooks', {})).status).toBe(401); // the old token is spent
    expect((await exchange({ 'X-Reader-Token': token })).status).toBe(401);
    token = rotated.token!;
    expect((await api('listBooks', {})).status).toBe(200);
  });

  it('opens the event stream only with a fresh one-time ticket', async () => {
    expect((await send('GET', '/api/events')).status).toBe(401);
    expect((await send('GET', '/api/events?ticket=forged')).status).toBe(401);
    const ticket = (JSON.parse((await post('/__reader/events-ticket', { 'X-Reader-Token': token })).body) as { ticket: string }).ticket;
    const opened = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/events?ticket=${ticket}` }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(opened).toBe(200);
    expect((await send('GET', `/api/events?ticket=${ticket}`)).status).toBe(401);
  });

  it('answers malformed and absolute request targets with 400 and keeps running', async () => {
    const raw = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
    for (const target of ['//[', 'http://evil.example/', '//evil.example/x', '*']) {
      expect(await raw(target), target).toMatch(/^HTTP\/1\.1 400/);
    }
    expect((await send('GET', '/')).status).toBe(200);
  });

  const otherUser = process.platform === 'linux' && process.getuid?.() === 0 ? 'nobody' : null;
  it('drops connections from another local user (runs as root, connecting as nobody)', async (ctx) => {
    if (!otherUser) return ctx.skip('needs root on Linux to connect as another user');
    // The same request from our user is answered; from `nobody` the connection is closed before any answer.
    const probe = `require('http').get({host:'127.0.0.1',port:${port},path:'/'},r=>{console.log('status',r.statusCode)}).on('error',e=>console.log('error',e.code))`;
    const run = promisify(execFile);
    const ours = await run(process.execPath, ['-e', probe], { timeout: 20_000 });
    expect(ours.stdout.trim()).toBe('status 200');
    const theirs = await run('runuser', ['-u', otherUser, '--', process.execPath, '-e', probe], { timeout: 20_000, cwd: '/' });
    expect(theirs.stdout.trim()).toBe('error ECONNRESET');
  });

  it('serves the page with the bridge loaded first and a strict CSP', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<head>\s*<script type="module" src="\/__reader\/bridge.js"><\/script>/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    const bridge = await send('GET', '/__reader/bridge.js');
    expect(bridge.headers['content-type']).toMatch(/javascript/);
    expect(bridge.body).toContain('/api/');
    expect(bridge.body).not.toMatch(/:\s*ReaderApi/); // types stripped
  });

  it('refuses other Host names (DNS rebinding) and cross-origin API calls', async () => {
    expect((await send('GET', '/', { Host: `evil.example:${port}` })).status).toBe(421);
    expect((await api('listBooks', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await send('POST', '/api/listBooks', { 'X-Reader-Token': token, 'Content-Type': 'application/json' }, '{}');
    expect(noOrigin.status).toBe(403);
    expect((await send('GET', '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('takes only JSON bodies under the size limit', async () => {
    expect((await api('listBooks', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const huge = await api('searchBook', { bookId: 'x', query: 'a'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});

describe('the ReaderApi over HTTP', () => {
  it('calls the engine and returns its result', async () => {
    const reply = await api('listBooks', {});
    expect(reply.status).toBe(200);
    const { result } = JSON.parse(reply.body) as { result: { bundled: boolean; chapterCount: number }[] };
    expect(result.some((b) => b.bundled && b.chapterCount >= 10)).toBe(true);
  });

  it('has no updater: the update state says unsupported and why, and download/install are refused', async () => {
    const state = await api('getUpdateState', {});
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body).result).toEqual({ mode: 'off', installKind: null, state: 'unsupported', message: expect.stringContaining('does not update itself') });
    for (const method of ['downloadUpdate', 'installUpdate']) {
      const refused = await api(method, {});
      expect(JSON.parse(refused.body).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('does not update itself') });
    }
  });

  it('rejects invalid input with the field named, unknown methods, and engine errors with their message', async () => {
    const bad = await api('openChapter', { bookId: '', chapterId: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/bookId/), details: { field: 'bookId' } });
    expect((await api('listBooks', { extra: 1 })).status).toBe(400);
    expect((await api('dropDatabase', {})).status).toBe(404);
    const missing = await api('openChapter', { bookId: 'no-such-book', chapterId: 'no-such-chapter' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatchObject({ code: 'not_found', details: {} });
  });

  it('rewrites book asset URLs to its own route and serves them, but nothing outside the book', async () => {
    const books = JSON.parse((await api('listBooks', {})).body).result as { id: string; bundled: boolean }[];
    const bookId = books.find((b) => b.bundled)!.id;
    const toc = JSON.parse((await api('getToc', { bookId })).body).result as { id: string }[];
    let src: string | undefined;
    for (const entry of toc) {
      const body = (await api('openChapter', { bookId, chapterId: entry.id })).body;
      expect(body).not.toContain('reader-asset://');
      src = /src=\\"(\/book-assets\/[^"\\]+)\\"/.exec(body)?.[1];
      if (src) break;
    }
    expect(src).toBeDefined();
    const image = await send('GET', src!);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
    // Without this launch's asset key (which only API answers reveal) the same image is not found.
    const keyless = src!.replace(/^\/book-assets\/[^/]+\//, '/book-assets/');
    expect((await send('GET', keyless)).status).toBe(404);
    expect((await send('GET', src!.replace(/^\/book-assets\/[^/]+\//, '/book-assets/forged-key/'))).status).toBe(404);
    const prefix = /^\/book-assets\/[^/]+\//.exec(src!)![0];
    for (const path of [
      `${prefix}${bookId}/../../../../etc/passwd`,
      `${prefix}${bookId}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `${prefix}${bookId}/..%2f..%2f..%2fetc%2fpasswd`,
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const reply = await send('GET', path);
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toContain('root:');
    }
  });

  it('streams engine events over SSE', async () => {
    const bookDir = join(dataDir, 'tiny-book');
    await mkdir(bookDir);
    await writeFile(join(bookDir, 'intro.md'), '# Intro\n\nA tiny book for the event test.\n');
    const ticket = (JSON.parse((await post('/__reader/events-ticket', { 'X-Reader-Token': token })).body) as { ticket: string }).ticket;
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/events?ticket=${ticket}` }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: libraryChanged')) {
            req.destroy();
            resolve(text);
          }
        });
        void api('importBook', { dir: bookDir });
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toMatch(/event: libraryChanged\ndata: \{"bookId":/);
  });
});

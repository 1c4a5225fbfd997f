/**
 * The web host over real HTTP with the real engine on a temp data dir: launch key and cookie, Host and Origin
 * checks, generic method dispatch with validation, errors, body limits, book assets without traversal, SSE events.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledBookDir } from '../paths';
import { createReaderCore } from '../reader-core';
import { startWebHost, type WebHost } from './server';

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
let cookie: string;

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
const api = (method: string, body: unknown, extra: Record<string, string> = {}) =>
  send('POST', `/api/${method}`, { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/json', ...extra }, JSON.stringify(body));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'web-host-test-'));
  staticDir = join(dataDir, 'renderer');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(join(staticDir, 'app.js'), 'console.log(1)');
  core = await createReaderCore({ dataDir: join(dataDir, 'data'), bundledBookDir: bundledBookDir() });
  host = await startWebHost({ core, staticDir });
  port = Number(new URL(host.url).port);
  const key = new URL(host.url).searchParams.get('key') ?? '';
  const handshake = await send('GET', `/?key=${encodeURIComponent(key)}`);
  expect(handshake.status).toBe(303);
  const setCookie = String(handshake.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  cookie = setCookie.split(';')[0]!;
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('access control', () => {
  it('listens on 127.0.0.1 with a long random key in the URL', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('key')?.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses pages and API calls without the cookie, and a wrong key', async () => {
    expect((await send('GET', '/')).status).toBe(401);
    expect((await send('GET', '/?key=wrong')).status).toBe(403);
    const anonymous = await send('POST', '/api/listBooks', { Origin: origin(), 'Content-Type': 'application/json' }, '{}');
    expect(anonymous.status).toBe(401);
  });

  it('serves the page with the bridge loaded first and a strict CSP', async () => {
    const page = await send('GET', '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<head>\s*<script type="module" src="\/__reader\/bridge.js"><\/script>/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    const bridge = await send('GET', '/__reader/bridge.js', { Cookie: cookie });
    expect(bridge.headers['content-type']).toMatch(/javascript/);
    expect(bridge.body).toContain('/api/');
    expect(bridge.body).not.toMatch(/:\s*ReaderApi/); // types stripped
  });

  it('refuses other Host names (DNS rebinding) and cross-origin API calls', async () => {
    expect((await send('GET', '/', { Cookie: cookie, Host: `evil.example:${port}` })).status).toBe(421);
    expect((await api('listBooks', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await send('POST', '/api/listBooks', { Cookie: cookie, 'Content-Type': 'application/json' }, '{}');
    expect(noOrigin.status).toBe(403);
    expect((await send('GET', '/', { Cookie: cookie, Host: `localhost:${port}` })).status).toBe(200);
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

  it('rejects invalid input with the field named, unknown methods, and engine errors with their message', async () => {
    const bad = await api('openChapter', { bookId: '', chapterId: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/bookId/);
    expect((await api('listBooks', { extra: 1 })).status).toBe(400);
    expect((await api('dropDatabase', {})).status).toBe(404);
    const missing = await api('openChapter', { bookId: 'no-such-book', chapterId: 'no-such-chapter' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).code).toBe('not_found');
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
    const image = await send('GET', src!, { Cookie: cookie });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
    for (const path of [
      `/book-assets/${bookId}/../../../../etc/passwd`,
      `/book-assets/${bookId}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `/book-assets/${bookId}/..%2f..%2f..%2fetc%2fpasswd`,
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const reply = await send('GET', path, { Cookie: cookie });
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toContain('root:');
    }
  });

  it('streams engine events over SSE', async () => {
    const bookDir = join(dataDir, 'tiny-book');
    await mkdir(bookDir);
    await writeFile(join(bookDir, 'intro.md'), '# Intro\n\nA tiny book for the event test.\n');
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', headers: { Cookie: cookie } }, (res) => {
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

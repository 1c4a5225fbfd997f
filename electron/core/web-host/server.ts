/**
 * The web host: the real renderer and the real engine in any browser, over loopback HTTP. Used by the end-to-end
 * tests and by `npm start` where there is no Electron binary.
 *
 * Access: the printed URL carries a per-launch key (`/?key=...`) that is swapped for an HttpOnly, SameSite=Strict
 * cookie; every other request needs that cookie, a Host of 127.0.0.1/localhost on our port, and API calls an Origin
 * of this server.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ReaderCoreMethods } from '../contract';
import { callMethod } from './api';
import { loadBridgeScript } from './bridge-script';
import { createEventStreams, type EventSourceCore } from './events';
import { ASSET_HOST, ASSET_SCHEME, bookAssetHandler } from '../hosting/protocols';
import { resolveExistingInside } from '../hosting/safe-path';
import { sendFile, sendResponse } from './files';
import {
  COOKIE_NAME,
  cookieValue,
  hostAllowed,
  newSecret,
  originAllowed,
  sameSecret,
  sessionCookie,
  setSecurityHeaders,
} from './security';

export type WebHostCore = ReaderCoreMethods &
  EventSourceCore & {
    /** Folder a book was imported from, for its images; null for an unknown book. */
    bookDir(bookId: string): string | null;
  };

export interface WebHostOptions {
  core: WebHostCore;
  /** Built renderer folder (out/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface WebHost {
  /** Open this in a browser: it includes the launch key. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const BRIDGE_PATH = '/__reader/bridge.js';
/**
 * Book images: chapters refer to them as `reader-asset://book/<bookId>/<path>` (the Electron scheme); a browser
 * cannot load that scheme, so API results carry them as `/book-assets/<bookId>/<path>` on this server instead.
 */
const ASSET_PREFIX = '/book-assets/';
const ASSET_URL = `${ASSET_SCHEME}://${ASSET_HOST}/`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, rewrite = (json: string) => json): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(rewrite(JSON.stringify(body)));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'API calls must send application/json.');
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new HttpError(413, 'Request too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** index.html with the bridge loaded first, so `window.reader` exists before the app's module runs. */
async function loadIndex(staticDir: string): Promise<string> {
  const html = await readFile(join(staticDir, 'index.html'), 'utf8');
  const tag = `<script type="module" src="${BRIDGE_PATH}"></script>`;
  if (!/<head[^>]*>/i.test(html)) throw new Error(`No <head> in ${join(staticDir, 'index.html')}`);
  return html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, staticDir } = options;
  const [indexHtml, bridgeJs] = await Promise.all([loadIndex(staticDir), loadBridgeScript()]);
  const secret = newSecret();
  const events = createEventStreams(core);
  const serveAsset = bookAssetHandler((bookId) => core.bookDir(bookId));
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const head = req.method === 'HEAD';
    const path = url.pathname;

    if (path.startsWith('/api/')) {
      if (path === '/api/events' && req.method === 'GET') return events.open(res);
      if (req.method !== 'POST') throw new HttpError(405, 'API calls use POST.');
      if (!originAllowed(req, port)) throw new HttpError(403, 'Cross-origin API calls are refused.');
      const body = await readJsonBody(req);
      const reply = await callMethod(core, path.slice('/api/'.length), body);
      return sendJson(res, reply.status, reply.body, (json) => json.replaceAll(ASSET_URL, ASSET_PREFIX));
    }
    if (req.method !== 'GET' && !head) throw new HttpError(405, 'Method not allowed.');

    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(head ? undefined : indexHtml);
      return;
    }
    if (path === BRIDGE_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(head ? undefined : bridgeJs);
      return;
    }
    if (path.startsWith(ASSET_PREFIX)) {
      const asset = await serveAsset(new Request(ASSET_URL + path.slice(ASSET_PREFIX.length)));
      return sendResponse(res, asset, head);
    }
    const file = await resolveExistingInside(staticDir, path);
    if (!file) throw new HttpError(404, 'Not found.');
    // Vite puts a content hash in asset names, so they may be cached.
    return sendFile(res, file, head, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    if (!hostAllowed(req, port)) return sendText(res, 421, 'This server answers only on 127.0.0.1 and localhost.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    // The launch key: exchanged once for the cookie, then dropped from the address bar by the redirect.
    const key = url.searchParams.get('key');
    if (key !== null && url.pathname === '/') {
      if (!sameSecret(key, secret)) return sendText(res, 403, 'Wrong key. Use the address the reader printed.');
      res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(secret), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (!sameSecret(cookieValue(req, COOKIE_NAME), secret)) {
      return sendText(res, 401, 'Open the address the reader printed when it started (it includes the key).');
    }
    try {
      await route(req, res, url);
    } catch (err) {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      console.error('[web-host] request failed:', err instanceof Error ? (err.stack ?? err.message) : String(err));
      if (!res.headersSent) sendJson(res, 500, { error: 'The reader hit an internal error.' });
      else res.destroy();
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?key=${secret}`,
    origin,
    async close() {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/**
 * The web host: the real renderer and the real engine in any browser, over loopback HTTP. Used by the end-to-end
 * tests and by `npm start` where there is no Electron binary.
 *
 * Access (see access-tokens.ts): the printed URL carries a one-time launch token in its fragment; the page swaps it
 * for a session token sent in a header on every API call. Every request needs a Host of 127.0.0.1/localhost on our
 * port, API calls an Origin of this server, and on Linux the connection must come from our own user. The app's
 * static files (the built renderer) are served to any such request: they hold no data.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ReaderCoreMethods } from '../contract.js';
import { callMethod } from './api.js';
import { loadBridgeScript } from './bridge-script.js';
import { createEventStreams, type EventSourceCore } from './events.js';
import { ASSET_HOST, ASSET_SCHEME, bookAssetHandler } from '../hosting/protocols.js';
import { resolveExistingInside } from '../hosting/safe-path.js';
import { sendFile, sendResponse } from './files.js';
import { AccessTokens } from './access-tokens.js';
import { createPeerChecker, type PeerCheck } from './peer-uid.js';
import { hostAllowed, originAllowed, setSecurityHeaders } from './security.js';
import { logger } from '../logging/program-log.js';

const log = logger('web-host');

export type WebHostCore = ReaderCoreMethods &
  EventSourceCore & {
    /** Folder a book was imported from, for its images; null for an unknown book (async when the engine is remote). */
    bookDir(bookId: string): string | null | Promise<string | null>;
  };

export interface WebHostOptions {
  core: WebHostCore;
  /** Built renderer folder (out/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface WebHost {
  /** Open this in a browser, once: its fragment holds the one-time launch token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Connections still waiting for their owner check; more are dropped at once. Above any one user's open-file limit,
 * so a flood from another user cannot crowd ours out (measured: 3000 flooding connections, our requests still
 * answered in about 1 s), while memory stays bounded.
 */
const MAX_UNCHECKED_CONNECTIONS = 4096;
const BRIDGE_PATH = '/__reader/bridge.js';
/** POST with X-Reader-Launch (first load) or X-Reader-Token (reload): answers a new session token. */
const SESSION_PATH = '/__reader/session';
/** POST with X-Reader-Token: answers a one-time ticket for `GET /api/events?ticket=`. */
const TICKET_PATH = '/__reader/events-ticket';
const TOKEN_HEADER = 'x-reader-token';
const LAUNCH_HEADER = 'x-reader-launch';
/**
 * Book images: chapters refer to them as `reader-asset://book/<bookId>/<path>` (the Electron scheme); a browser
 * cannot load that scheme, so API results carry them as `/book-assets/<assetKey>/<bookId>/<path>` on this server
 * instead, the per-launch asset key standing in for the header an <img> cannot send.
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
  const access = new AccessTokens();
  const events = createEventStreams(core);
  const serveAsset = bookAssetHandler((bookId) => core.bookDir(bookId));
  const assetPrefix = `${ASSET_PREFIX}${access.assetKey}/`;
  const peerChecker = createPeerChecker();
  const peers = new WeakMap<object, Promise<PeerCheck>>();
  let unchecked = 0;
  let port = 0;

  const header = (req: IncomingMessage, name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const requireSession = (req: IncomingMessage) => {
    if (!access.sessionValid(header(req, TOKEN_HEADER))) {
      throw new HttpError(401, 'This page is not connected to the reader. Open the address the reader printed when it started; each address works once.');
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const head = req.method === 'HEAD';
    const path = url.pathname;

    if (path === '/api/events' && req.method === 'GET') {
      if (!access.redeemTicket(url.searchParams.get('ticket'))) throw new HttpError(401, 'Event streams need a fresh ticket.');
      return events.open(res);
    }
    if (path.startsWith('/api/') || path === SESSION_PATH || path === TICKET_PATH) {
      if (req.method !== 'POST') throw new HttpError(405, 'API calls use POST.');
      if (!originAllowed(req, port)) throw new HttpError(403, 'Cross-origin API calls are refused.');
      if (path === SESSION_PATH) {
        const token = access.exchange({ launch: header(req, LAUNCH_HEADER), session: header(req, TOKEN_HEADER) });
        if (!token) throw new HttpError(401, 'This address was already used or is not the one the reader printed. Start the reader again for a new one.');
        return sendJson(res, 200, { token });
      }
      requireSession(req);
      if (path === TICKET_PATH) return sendJson(res, 200, { ticket: access.issueTicket() });
      const body = await readJsonBody(req);
      const reply = await callMethod(core, path.slice('/api/'.length), body);
      return sendJson(res, reply.status, reply.body, (json) => json.replaceAll(ASSET_URL, assetPrefix));
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
      if (!path.startsWith(assetPrefix)) throw new HttpError(404, 'Not found.');
      const asset = await serveAsset(new Request(ASSET_URL + path.slice(assetPrefix.length)));
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
    // Only origin-form targets ("/path?query"): no absolute URLs, no "//host" that the URL parser reads as a host.
    const target = req.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) return sendText(res, 400, 'Bad request target.');
    try {
      await route(req, res, new URL(target, 'http://127.0.0.1'));
    } catch (err) {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      log.error('request failed', { error: err });
      if (!res.headersSent) sendJson(res, 500, { error: 'The reader hit an internal error.' });
      else res.destroy();
    }
  }

  const server = createServer((req, res) => {
    (peers.get(req.socket) ?? Promise.resolve<PeerCheck>('other-user'))
      .then(async (peer) => {
        if (peer === 'other-user') req.socket.destroy();
        else await handle(req, res);
      })
      // Nothing a request does may take the reader down with an unhandled rejection.
      .catch((err: unknown) => {
        log.error('request failed', { error: err });
        req.socket.destroy();
      });
  });
  // A request that never finishes its headers must not hold a connection for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  // Checked once per connection, before its first request is answered.
  server.on('connection', (socket) => {
    if (unchecked >= MAX_UNCHECKED_CONNECTIONS) return socket.destroy();
    unchecked++;
    const check = peerChecker
      .check(socket)
      .catch((): PeerCheck => 'other-user')
      .finally(() => unchecked--);
    peers.set(socket, check);
    void check.then((peer) => {
      if (peer === 'other-user') socket.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#launch=${access.launchToken()}`,
    origin,
    async close() {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/**
 * The two custom schemes the Electron window uses instead of file:// (plain Node: Request in, Response out, so it is
 * testable without Electron, and the web host reuses the book-asset handler and MIME table):
 *   app://reader/<path>                      files of the built renderer (out/renderer)
 *   reader-asset://book/<bookId>/<path>      images and other files of an imported book, from the book's folder
 * Anything outside those roots, any other host, and anything but GET is refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ASSET_SCHEME, parseAssetUrl } from '../library/render/asset-url.js';
import { resolveExistingInside } from './safe-path.js';
import { ASSET_CSP, READER_CSP } from './csp.js';

export { ASSET_SCHEME };

export const APP_SCHEME = 'app';
export const APP_HOST = 'reader';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const ASSET_HOST = 'book';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function refuse(status: 400 | 403 | 404 | 405): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain' } });
}

/** A regular file's contents; anything else that exists inside the root (a folder, a socket) is not found. */
async function fileResponse(file: string, extraHeaders: Record<string, string>): Promise<Response> {
  if (!(await stat(file)).isFile()) return refuse(404);
  const body = await readFile(file);
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': mimeType(file), 'X-Content-Type-Options': 'nosniff', ...extraHeaders },
  });
}

function parse(request: Request, scheme: string, host: string): URL | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  return url.protocol === `${scheme}:` && url.host === host ? url : null;
}

/** Serves the built renderer. `/` is the entry page; every HTML response carries the CSP. */
export function rendererHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = parse(request, APP_SCHEME, APP_HOST);
    if (!url) return refuse(request.method === 'GET' || request.method === 'HEAD' ? 403 : 405);
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = await resolveExistingInside(rendererDir, path);
    if (!file) return refuse(404);
    return fileResponse(file, { 'Content-Security-Policy': READER_CSP });
  };
}

/**
 * Serves files of an imported book. `bookDir` maps a book id to its folder (null when unknown); only media types
 * are served so a book cannot ship a page or script that runs with the app's privileges.
 */
export function bookAssetHandler(
  bookDir: (bookId: string) => string | null | Promise<string | null>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!parse(request, ASSET_SCHEME, ASSET_HOST)) return refuse(403);
    const asset = parseAssetUrl(request.url);
    if (!asset) return refuse(404);
    const { bookId, relPath } = asset;
    const root = await bookDir(bookId);
    if (!root) return refuse(404);
    const file = await resolveExistingInside(root, relPath.split('/').map(encodeURIComponent).join('/'));
    if (!file) return refuse(404);
    const type = mimeType(file);
    if (!type.startsWith('image/') && !type.startsWith('font/')) return refuse(403);
    return fileResponse(file, { 'Content-Security-Policy': ASSET_CSP });
  };
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAssetHandler, rendererHandler } from './protocols.js';
import { READER_CSP } from './csp.js';

let base: string;
let rendererDir: string;
let bookDir: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'protocols-'));
  rendererDir = join(base, 'renderer');
  bookDir = join(base, 'book');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await mkdir(join(bookDir, 'docs', 'img'), { recursive: true });
  await writeFile(join(bookDir, 'docs', 'img', 'robot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(bookDir, 'docs', 'intro.md'), '# not an asset');
  await mkdir(join(bookDir, 'docs', 'folder.png'));
  await writeFile(join(base, 'outside.png'), 'png');
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('app:// renderer files', () => {
  const handle = () => rendererHandler(rendererDir);
  it('serves the entry page with the CSP, and scripts with their type', async () => {
    const page = await handle()(new Request('app://reader/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(READER_CSP);
    expect(await page.text()).toContain('<title>t</title>');
    const js = await handle()(new Request('app://reader/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });
  it('refuses other hosts, other methods, missing files and traversal', async () => {
    expect((await handle()(new Request('app://evil/index.html'))).status).toBe(403);
    expect((await handle()(new Request('app://reader/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await handle()(new Request('app://reader/nope.js'))).status).toBe(404);
    expect((await handle()(new Request('app://reader/%2e%2e/outside.png'))).status).toBe(404);
  });
  it('answers 404 for a folder, with or without the trailing slash', async () => {
    expect((await handle()(new Request('app://reader/assets/'))).status).toBe(404);
    expect((await handle()(new Request('app://reader/assets'))).status).toBe(404);
  });
  it('CSP allows only our own scripts and book images', () => {
    expect(READER_CSP).toContain("script-src 'self'");
    expect(READER_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(READER_CSP).toContain('img-src \'self\' reader-asset:');
  });
});

describe('reader-asset:// book files', () => {
  const handle = () => bookAssetHandler((id) => (id === 'book-1' ? bookDir : null));
  it('serves images from the book folder', async () => {
    const res = await handle()(new Request('reader-asset://book/book-1/docs/img/robot.svg'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });
  it('refuses unknown books, non-media files and escapes from the folder', async () => {
    expect((await handle()(new Request('reader-asset://book/other/docs/img/robot.svg'))).status).toBe(404);
    expect((await handle()(new Request('reader-asset://book/book-1/docs/intro.md'))).status).toBe(403);
    // A folder named like an image is still no file.
    expect((await handle()(new Request('reader-asset://book/book-1/docs/folder.png'))).status).toBe(404);
    expect((await handle()(new Request('reader-asset://book/book-1/%2e%2e/outside.png'))).status).toBe(404);
    expect((await handle()(new Request('reader-asset://book/book-1/docs/..%2f..%2foutside.png'))).status).toBe(404);
    expect((await handle()(new Request('reader-asset://other/book-1/docs/img/robot.svg'))).status).toBe(403);
  });
});

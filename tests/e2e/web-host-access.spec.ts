/**
 * Attacks on the web host's access control from the browser, as the security review made them: another server on
 * 127.0.0.1 (another local user's page, any port) must receive nothing that opens the reader's API, and the printed
 * address must work once. Electron has no loopback server, so this spec is for the web project only.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures.js';

test.beforeEach(({ reader }) => {
  test.skip(reader.host !== 'web', 'web host only: the Electron app serves no loopback HTTP');
});

test('a page on another 127.0.0.1 port receives no credential and cannot call the API', async ({ reader }) => {
  const seen: IncomingHttpHeaders[] = [];
  const other = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>another local page</title><p>hello</p>');
  });
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const readerOrigin = new URL(reader.page.url()).origin;
  try {
    // Same browser, same profile, a tab on the other server: whatever the reader's page left in the browser
    // (cookies are shared across ports on one host) would be sent to it now.
    const hostile = await reader.page.context().newPage();
    await hostile.goto(`${otherOrigin}/`);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) expect(headers.cookie ?? '').toBe('');

    // From that page, the reader's API answers nothing: no credential rides along, and no CORS grant exists.
    const attempts = await hostile.evaluate(async (target) => {
      const results: string[] = [];
      for (const init of [
        { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' }, credentials: 'include' as const },
        { method: 'POST', body: '{}', mode: 'no-cors' as const, credentials: 'include' as const },
      ]) {
        try {
          const r = await fetch(`${target}/api/listBooks`, init);
          results.push(`${r.type}:${r.status}:${await r.text()}`);
        } catch (err) {
          results.push(`error:${String(err)}`);
        }
      }
      return results;
    }, readerOrigin);
    for (const result of attempts) expect(result).not.toContain('"result"');
    // The reader's own page still works.
    await expect(reader.page.getByTestId('book-card')).toHaveCount(1);
    await hostile.close();
  } finally {
    await new Promise<void>((done) => other.close(() => done()));
  }
});

test('the printed address works once; the tab that used it survives a reload', async ({ reader }) => {
  const { page } = reader;
  expect(reader.launchUrl).toMatch(/#launch=/);
  // The launch token left the address bar as soon as the page read it.
  expect(page.url()).not.toContain('launch=');

  const replay = await page.context().browser()!.newContext();
  try {
    const second = await replay.newPage();
    await second.goto(reader.launchUrl!);
    await expect(second.getByText(/already used|not connected/i).first()).toBeVisible();
    await expect(second.getByTestId('book-card')).toHaveCount(0);
  } finally {
    await replay.close();
  }

  await page.reload();
  await expect(page.getByTestId('book-card')).toHaveCount(1);
});

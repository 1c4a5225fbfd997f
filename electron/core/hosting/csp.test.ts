import { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererHandler } from './protocols.js';
import { setSecurityHeaders } from '../web-host/security.js';

let rendererDir: string;
beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'csp-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));

/** The CSP each host puts on the reader's page. */
async function hostCsps(): Promise<{ electron: string | null; web: string }> {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  setSecurityHeaders(res);
  const page = await rendererHandler(rendererDir)(new Request('app://reader/'));
  return { electron: page.headers.get('content-security-policy'), web: String(res.getHeader('content-security-policy')) };
}

describe('the reader page CSP', () => {
  it('is one policy for both hosts', async () => {
    const { electron, web } = await hostCsps();
    expect(electron).toBe(web);
  });

  it('allows no inline script or style, attributes included (chapter maths is MathML, React styles are CSSOM)', async () => {
    const { web } = await hostCsps();
    expect(web).not.toContain('unsafe-inline');
    expect(web).not.toContain('unsafe-eval');
    expect(web).toContain("style-src 'self'");
    expect(web).toContain("script-src 'self'");
  });
});

/**
 * Electron cannot run here: the real deep-link wiring is driven through a stand-in for the two App members it uses,
 * and what reaches the window is checked.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { App } from 'electron';
import { listenForDeepLinks } from './deep-links.js';

const LINK = 'physical-ai-reader://open?book=b1&chapter=c1&annotation=0b5e7c7e-4b1e-4c1a-9a43-2f6a4e1b9c10';
const ROUTE = `#/link?u=${encodeURIComponent(LINK)}`;

function fakeApp() {
  const registered: unknown[][] = [];
  const emitter = new EventEmitter();
  const app = Object.assign(emitter, {
    setAsDefaultProtocolClient: (...args: unknown[]) => (registered.push(args), true),
  }) as unknown as Pick<App, 'on' | 'setAsDefaultProtocolClient'>;
  return { app, emitter, registered };
}

describe('listenForDeepLinks', () => {
  it('takes a link from the first launch’s arguments and registers the scheme', () => {
    const { app, registered } = fakeApp();
    const first = listenForDeepLinks(app, { argv: ['/opt/reader/reader', LINK], defaultApp: false, deliver: () => undefined });
    expect(first).toBe(ROUTE);
    expect(registered).toEqual([['physical-ai-reader']]);
  });

  it('in development registers Electron with the entry script', () => {
    const { app, registered } = fakeApp();
    listenForDeepLinks(app, { argv: ['/x/electron', 'out/main/index.js'], defaultApp: true, deliver: () => undefined });
    expect(registered[0]?.[0]).toBe('physical-ai-reader');
    expect(registered[0]?.[1]).toBe('/x/electron');
    expect(String((registered[0]?.[2] as string[])[0])).toMatch(/out\/main\/index\.js$/);
  });

  it('hands links from open-url and a second instance to the window, and ignores anything else', () => {
    const { app, emitter } = fakeApp();
    const delivered: string[] = [];
    expect(listenForDeepLinks(app, { argv: ['/opt/reader/reader'], defaultApp: false, deliver: (r) => delivered.push(r) })).toBeNull();
    let prevented = false;
    emitter.emit('open-url', { preventDefault: () => (prevented = true) }, LINK);
    emitter.emit('second-instance', {}, ['/opt/reader/reader', '--flag', LINK]);
    emitter.emit('open-url', { preventDefault: () => undefined }, 'physical-ai-reader://open?book=b1&path=/etc/passwd');
    emitter.emit('second-instance', {}, ['/opt/reader/reader', 'https://example.com']);
    expect(prevented).toBe(true);
    expect(delivered).toEqual([ROUTE, ROUTE]);
  });
});

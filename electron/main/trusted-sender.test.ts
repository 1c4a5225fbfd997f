import { describe, expect, it } from 'vitest';
import { isTrustedPageUrl, isTrustedSender } from './trusted-sender.js';

describe('isTrustedSender', () => {
  const main = { url: 'app://reader/index.html', parent: null, processId: 4, frameToken: 'tok-main' };
  it('accepts only the main frame of our window showing our origin', () => {
    expect(isTrustedSender(main, main, null)).toBe(true);
  });
  it('refuses missing frames, subframes, other windows and foreign pages', () => {
    expect(isTrustedSender(null, main, null)).toBe(false);
    expect(isTrustedSender(main, null, null)).toBe(false);
    const sub = { ...main, frameToken: 'tok-sub', parent: main };
    expect(isTrustedSender(sub, sub, null)).toBe(false);
    expect(isTrustedSender({ ...main, frameToken: 'tok-other-window' }, main, null)).toBe(false);
    expect(isTrustedSender({ ...main, processId: 5 }, main, null)).toBe(false);
    expect(isTrustedSender({ ...main }, main, null)).toBe(true);
    const navigated = { ...main, url: 'https://example.com/' };
    expect(isTrustedSender(navigated, navigated, null)).toBe(false);
  });
  it('accepts the dev server origin only when one is configured', () => {
    expect(isTrustedPageUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedPageUrl('app://evil/index.html', null)).toBe(false);
    expect(isTrustedPageUrl('reader-asset://book/x/a.svg', null)).toBe(false);
    expect(isTrustedPageUrl('not a url', null)).toBe(false);
  });
});

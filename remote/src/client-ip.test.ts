import { describe, expect, it } from 'vitest';
import { createClientIpResolver } from './client-ip.js';

describe('client IP', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    const ip = createClientIpResolver([]);
    expect(ip('198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
    expect(ip('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
  });

  it('believes the chain only from a trusted peer, taking the rightmost untrusted hop', () => {
    const ip = createClientIpResolver(['10.0.0.0/8', '192.0.2.1']);
    expect(ip('10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(ip('10.1.2.3', 'spoofed, 198.51.100.7, 203.0.113.9, 10.2.2.2')).toBe('203.0.113.9');
    expect(ip('192.0.2.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(ip('198.51.100.4', '203.0.113.9')).toBe('198.51.100.4'); // untrusted peer: header ignored
    expect(ip('10.1.2.3', '10.4.4.4')).toBe('10.4.4.4'); // all hops trusted: the leftmost
    expect(ip('10.1.2.3', 'garbage')).toBe('10.1.2.3');
  });

  it('refuses a malformed TRUSTED_PROXY entry', () => {
    expect(() => createClientIpResolver(['proxy.internal'])).toThrow(/TRUSTED_PROXY/);
  });
});

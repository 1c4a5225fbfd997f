import { describe, expect, it } from 'vitest';
import { normalizeRemoteUrl, resolveRemoteUrl } from './remote-settings.js';
import { methods } from '../contract.js';
import { remoteOption } from '../cli/account-cli.js';

const refused = [
  'http://example.com',
  'http://127.0.0.1.evil.com',
  'http://localhost.evil.com',
  'http://127.0.0.1@evil.com',
  'http://localhost:4000@evil.com',
  'http://[::ffff:127.0.0.1]:4000',
  'http://10.0.0.1:4000',
  'https://user:secret@example.com',
  'ftp://127.0.0.1',
];
const accepted = [
  'https://example.com',
  'https://reader.example.com/api/',
  'http://127.0.0.1:4000',
  'http://127.8.9.10:4000',
  'http://[::1]:4000',
  'http://localhost:4000',
  'HTTP://LOCALHOST:4000',
  // The WHATWG parser (the same one fetch uses) reads this as 127.0.0.1, so it is loopback.
  'http://0x7f000001:4000',
];

describe('remote service URLs', () => {
  it.each(refused)('refuses %s (a password could travel in clear or to another host)', (url) => {
    expect(() => normalizeRemoteUrl(url)).toThrow();
  });

  it.each(accepted)('accepts %s', (url) => {
    expect(normalizeRemoteUrl(url)).toBe(url.replace(/\/+$/, ''));
  });

  it('says why a plain http URL for another host is refused', () => {
    expect(() => normalizeRemoteUrl('http://example.com')).toThrow(/https/);
  });

  it('refuses a configured service URL with plain http to another host', () => {
    expect(() => resolveRemoteUrl({}, { url: 'http://example.com' })).toThrow(/https/);
  });

  it('the sign-in schema refuses plain http to another host and accepts loopback', () => {
    const signIn = methods.signIn.input;
    const input = { email: 'a@b.co', password: 'x' };
    expect(signIn.safeParse({ ...input, remoteUrl: 'http://example.com' }).success).toBe(false);
    expect(signIn.safeParse({ ...input, remoteUrl: 'http://127.0.0.1@evil.com' }).success).toBe(false);
    expect(signIn.safeParse({ ...input, remoteUrl: 'http://127.0.0.1:4000' }).success).toBe(true);
    expect(signIn.safeParse({ ...input, remoteUrl: 'https://example.com' }).success).toBe(true);
  });

  it('the CLI --remote option refuses plain http to another host', () => {
    expect(remoteOption.schema.safeParse('http://example.com').success).toBe(false);
    expect(remoteOption.schema.safeParse('http://localhost:4000').success).toBe(true);
  });
});

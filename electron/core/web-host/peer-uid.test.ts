/** Reading /proc/net/tcp rows, and the peer check against real loopback connections of our own. */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPeerChecker, parseProcAddress } from './peer-uid.js';

describe('parseProcAddress', () => {
  it('reads IPv4 rows as the kernel prints them on little- and big-endian machines', () => {
    expect(parseProcAddress('0100007F:1F90', true)).toEqual({ address: '127.0.0.1', port: 8080 });
    expect(parseProcAddress('7F000001:0050', false)).toEqual({ address: '127.0.0.1', port: 80 });
  });

  it('reads IPv6 rows, and IPv4-mapped ones as IPv4', () => {
    expect(parseProcAddress('00000000000000000000000001000000:0016', true)).toEqual({ address: '0:0:0:0:0:0:0:1', port: 22 });
    expect(parseProcAddress('0000000000000000FFFF00000100007F:1F90', true)).toEqual({ address: '127.0.0.1', port: 8080 });
  });

  it('refuses malformed fields', () => {
    for (const bad of ['', 'zz:10', '0100007F', '0100:1F90', '0100007F0:1F90']) expect(parseProcAddress(bad, true)).toBeNull();
  });
});

async function acceptedSockets(host: string, count: number): Promise<{ sockets: Socket[]; close(): void }> {
  const server = createServer();
  const clients: Socket[] = [];
  const sockets: Socket[] = [];
  await new Promise<void>((done) => server.listen(0, host, done));
  const all = new Promise<void>((done) => {
    server.on('connection', (socket) => {
      sockets.push(socket);
      if (sockets.length === count) done();
    });
  });
  for (let i = 0; i < count; i++) {
    const client = connect((server.address() as AddressInfo).port, host);
    client.on('error', () => undefined);
    clients.push(client);
  }
  await all;
  return {
    sockets,
    close() {
      for (const c of clients) c.destroy();
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('peer checker', () => {
  beforeEach((ctx) => ctx.skip(process.platform !== 'linux', 'reads /proc/net, which only Linux has'));

  it('answers a burst of connections at once, all found as our own user', async () => {
    const burst = await acceptedSockets('127.0.0.1', 150);
    try {
      const checker = createPeerChecker();
      const verdicts = await Promise.all(burst.sockets.map((s) => checker.check(s)));
      expect(new Set(verdicts)).toEqual(new Set(['same-user']));
    } finally {
      burst.close();
    }
  });

  it('finds our own user on a real loopback connection, over IPv4 and IPv6', async () => {
    for (const host of ['127.0.0.1', '::1']) {
      const accepted = new Promise<Socket>((resolve) => {
        const server = createServer((socket) => {
          resolve(socket);
          server.close();
        });
        server.listen(0, host, () => {
          const client = connect((server.address() as AddressInfo).port, host);
          client.on('error', () => undefined);
          server.on('close', () => client.destroy());
        });
      });
      const socket = await accepted;
      expect(await createPeerChecker().check(socket)).toBe('same-user');
      // Claiming another uid for ourselves makes the same connection someone else's.
      expect(await createPeerChecker((process.getuid?.() ?? 0) + 1).check(socket)).toBe('other-user');
      socket.destroy();
    }
  });
});

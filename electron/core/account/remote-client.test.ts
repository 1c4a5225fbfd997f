import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPart } from './generation-stream.js';
import { createRemoteClient } from './remote-client.js';
import { RemoteError } from './remote-errors.js';

/**
 * Protocol-level behaviour of the client against a loopback server that answers each path with a fixed
 * status or stream; the happy paths against the real remote service are in session.integration.test.ts.
 */
type Handler = (res: ServerResponse, body: string, auth: string | undefined) => void;
const routes: Record<string, Handler> = {
  '/api/auth/token': (res, _b, auth) => {
    if (auth !== 'Bearer good') return json(res, 401, { message: 'Invalid session' });
    json(res, 200, { token: 'jwt-1' });
  },
  '/api/auth/sign-in/email': (res) => {
    res.setHeader('set-auth-token', 'raw.signed');
    json(res, 200, { token: 'raw', user: user() });
  },
  '/api/auth/sign-up/email': (res) => json(res, 400, { fields: { email: 'must be a valid email address' } }),
  '/api/auth/jwks': (res) => json(res, 200, { nope: true }),
  // A base URL with a path prefix reaches these: the client appends /v1/chat.
  '/busy/v1/chat': (res) => {
    res.setHeader('Retry-After', '42');
    json(res, 429, { error: 'Too many requests' });
  },
  '/api/personalize': (res, body, auth) => {
    if (!auth) return json(res, 401, {});
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    // Frames split mid-line and mid-CRLF on purpose: the parser must reassemble them.
    const parts = [
      'event: meta\ndata: {"chapterId":"c1","model":"m","background":{"software":"none","hardware":"none"},"contentHash":"h"}\n\nevent: delta\ndata: {"text":"Hel',
      'lo"}\r',
      '\n\r\n: keepalive\n\nevent: delta\ndata: {"text":" world"}\n\n',
      'event: done\ndata: {"complete":true,"chars":11}\n\n',
    ];
    let i = 0;
    const tick = () => {
      if (i < parts.length) {
        res.write(parts[i++]);
        setTimeout(tick, 5);
      } else res.end();
    };
    expect(JSON.parse(body).chapterId).toBe('c1');
    tick();
  },
  '/v1/chat': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('event: delta\ndata: {"text":"partial"}\n\n');
    // then silence: the client's idle timer must end it
  },
  '/cut/v1/chat': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.end('event: delta\ndata: {"text":"half"}\n\n');
  },
  '/fails/v1/chat': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('event: delta\ndata: {"text":"some"}\n\n');
    res.end('event: error\ndata: {"status":502,"error":"generation_failed","message":"Groq went away"}\n\n');
  },
  '/odd/v1/chat': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.end('event: delta\ndata: {"text":"fine"}\n\nevent: surprise\ndata: {}\n\n');
  },
  '/malformed/v1/chat': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.end('event: delta\ndata: {"text":"fine"}\n\nevent: done\ndata: {"complete":"yes"}\n\n');
  },
  '/down/v1/chat': (res) => json(res, 503, { error: 'Generation is not configured on this server' }),
  // Every other request here dies with its connection, as a kept-alive socket the server has just closed does.
  '/v1/sync/push': (res, body) => {
    if (resetNext(res)) return;
    json(res, 200, { version: 1, lastMutationId: (JSON.parse(body) as { mutations: unknown[] }).mutations.length, rejected: [] });
  },
  '/v1/sync/pull?cursor=0': (res) => {
    if (resetNext(res)) return;
    json(res, 200, { records: [], nextCursor: 0, hasMore: false, version: 0 });
  },
  '/api/auth/sign-out': (res) => {
    if (resetNext(res)) return;
    json(res, 200, { success: true });
  },
};
const served: Record<string, number> = {};
function resetNext(res: ServerResponse): boolean {
  const path = res.req.url ?? '';
  served[path] = (served[path] ?? 0) + 1;
  if (served[path] % 2 === 0) return false;
  res.socket?.destroy();
  return true;
}
function user() {
  return { id: 'u1', email: 'a@b.c', name: 'A', softwareBackground: 'beginner', hardwareBackground: 'hobbyist' };
}
function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const handler = routes[req.url ?? ''];
      if (!handler) return json(res, 404, {});
      handler(res, body, req.headers.authorization);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function failure(p: Promise<unknown>): Promise<RemoteError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
}

async function collect(gen: AsyncGenerator<StreamPart>) {
  const out: StreamPart[] = [];
  for await (const part of gen) out.push(part);
  return out;
}
const texts = (parts: StreamPart[]) => parts.flatMap((p) => (p.type === 'text' ? [p.text] : []));

describe('remote client', () => {
  it('sends a sync push or pull once more when the connection dies under it, but not a sign-out', async () => {
    const client = createRemoteClient({ baseUrl: base });
    expect(await client.syncPush('jwt', { clientId: 'c1', mutations: [{ id: 1 }] })).toMatchObject({ lastMutationId: 1 });
    expect(await client.syncPull('jwt', 0)).toMatchObject({ records: [], hasMore: false });
    expect(served).toMatchObject({ '/v1/sync/push': 2, '/v1/sync/pull?cursor=0': 2 });
    expect((await failure(client.signOut('s'))).kind).toBe('offline');
    expect(served['/api/auth/sign-out']).toBe(1);
  });

  it('prefers the signed session token from set-auth-token and validates the user', async () => {
    const result = await createRemoteClient({ baseUrl: base }).signIn({ email: 'a@b.c', password: 'x' });
    expect(result.sessionToken).toBe('raw.signed');
    expect(result.user.softwareBackground).toBe('beginner');
  });

  it('sends the session token as a bearer and maps 401 to unauthorized', async () => {
    const client = createRemoteClient({ baseUrl: base });
    expect(await client.mintJwt('good')).toBe('jwt-1');
    expect((await failure(client.mintJwt('revoked'))).kind).toBe('unauthorized');
  });

  it('reports the field a 400 is about', async () => {
    const err = await failure(
      createRemoteClient({ baseUrl: base }).signUp({
        email: 'x',
        password: 'p',
        name: 'n',
        softwareBackground: 'none',
        hardwareBackground: 'none',
      }),
    );
    expect(err.kind).toBe('rejected');
    expect(err.details.field).toBe('email');
    expect(err.message).toMatch(/valid email/);
  });

  it('rejects answers of the wrong shape', async () => {
    expect((await failure(createRemoteClient({ baseUrl: base }).jwks())).kind).toBe('bad_response');
  });

  it('maps 429 with Retry-After and 503 with the service message', async () => {
    const ask = (prefix: string) =>
      collect(createRemoteClient({ baseUrl: `${base}${prefix}` }).chat(null, { question: 'q', passages: [] }));
    const limited = await failure(ask('/busy'));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.details.retryAfterSeconds).toBe(42);
    expect(limited.message).toMatch(/42 s/);
    const down = await failure(ask('/down'));
    expect(down.kind).toBe('unavailable');
    expect(down.message).toMatch(/not configured/);
  });

  it('is offline when nothing listens, and says so quickly', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const started = Date.now();
    const err = await failure(createRemoteClient({ baseUrl: `http://127.0.0.1:${port}` }).jwks());
    expect(err.kind).toBe('offline');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reassembles SSE frames split across chunks and ends with the done part, naming the model the meta event named', async () => {
    const parts = await collect(
      createRemoteClient({ baseUrl: base }).personalize('jwt', { chapterId: 'c1', title: 't', markdown: '# m' }),
    );
    expect(texts(parts).join('')).toBe('Hello world');
    expect(parts.at(-1)).toEqual({ type: 'done', complete: true, citations: [], model: 'm' });
  });

  it('turns a mid-stream error event and a cut-off stream into errors after the text that arrived', async () => {
    for (const [prefix, kind, text] of [
      ['/fails', 'bad_gateway', 'some'],
      ['/cut', 'offline', 'half'],
    ] as const) {
      const got: StreamPart[] = [];
      const client = createRemoteClient({ baseUrl: `${base}${prefix}` });
      const err = await failure(
        (async () => {
          for await (const part of client.chat(null, { question: 'q', passages: [] })) got.push(part);
        })(),
      );
      expect(err.kind).toBe(kind);
      expect(texts(got)).toEqual([text]);
    }
  });

  it('turns an unknown or malformed event into a bad_response naming the event, after the text that arrived', async () => {
    for (const [prefix, event] of [
      ['/odd', 'surprise'],
      ['/malformed', 'done'],
    ] as const) {
      const got: StreamPart[] = [];
      const client = createRemoteClient({ baseUrl: `${base}${prefix}` });
      const err = await failure(
        (async () => {
          for await (const part of client.chat(null, { question: 'q', passages: [] })) got.push(part);
        })(),
      );
      expect(err.kind).toBe('bad_response');
      expect(err.message).toContain(`"${event}"`);
      expect(texts(got)).toEqual(['fine']);
    }
  });

  it('ends a stalled stream with a timeout after yielding what arrived', async () => {
    const got: StreamPart[] = [];
    const client = createRemoteClient({ baseUrl: base, streamIdleMs: 300 });
    const err = await failure(
      (async () => {
        for await (const part of client.chat(null, { question: 'q', passages: [] })) got.push(part);
      })(),
    );
    expect(texts(got)).toEqual(['partial']);
    expect(err.kind).toBe('timeout');
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    const client = createRemoteClient({ baseUrl: base, streamIdleMs: 10_000 });
    const started = Date.now();
    const run = (async () => {
      for await (const _ of client.chat(null, { question: 'q', passages: [] }, controller.signal)) controller.abort();
    })();
    await expect(run).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

import { getConnInfo } from '@hono/node-server/conninfo';
import { CHAT_PATH, PERSONALIZE_PATH, SYNC_PATH } from '@physical-ai-reader/protocol';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { randomUUID } from 'node:crypto';
import { createClientIpResolver } from './client-ip.js';
import { isDatabaseUnavailable } from './db/pool.js';
import type { AppEnv, Services } from './http/context.js';
import { DATABASE_DOWN, jsonError } from './http/errors.js';
import { authRoutes } from './routes/auth-routes.js';
import { chatRoutes } from './routes/chat.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { personalizeRoutes } from './routes/personalize.js';
import { syncRoutes } from './sync/routes.js';

/** The whole HTTP surface. Middleware order: request id + log, client IP, CORS (browsers only), then the routes. */
export function createApp(s: Services) {
  const app = new Hono<AppEnv>();
  const clientIp = createClientIpResolver(s.config.trustedProxies);

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('startedAt', started);
    const requestId = randomUUID();
    c.set('requestId', requestId);
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      peer = undefined; // not behind @hono/node-server (e.g. app.request in a unit test)
    }
    c.set('clientIp', clientIp(peer, c.req.header('x-forwarded-for')));
    await next();
    c.header('X-Request-Id', requestId);
    s.metrics.observeRequest(c);
    // Method, path without query, status and timing only: never headers, bodies, tokens or cookies.
    s.log({
      event: 'request',
      id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip: c.get('clientIp'),
      user: c.get('user')?.sub,
      authFailure: c.get('authFailure'),
    });
  });

  const corsHeaders = cors({
    origin: (origin) => (s.config.corsOrigins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization'],
    exposeHeaders: ['set-auth-token', 'set-auth-jwt', 'Retry-After', 'X-Request-Id'],
    credentials: true,
    maxAge: 600,
  });
  // Only browsers send Origin; the desktop does not, and skips the CORS work.
  app.use('*', (c, next) => (c.req.header('origin') ? corsHeaders(c, next) : next()));

  app.route('/health', healthRoutes(s));
  app.route('/api/auth', authRoutes(s));
  app.route(PERSONALIZE_PATH, personalizeRoutes(s));
  app.route(CHAT_PATH, chatRoutes(s));
  app.route(SYNC_PATH, syncRoutes(s));
  if (s.config.metricsToken) app.route('/metrics', metricsRoutes(s, s.config.metricsToken));

  app.notFound((c) => jsonError(c, 404, { error: 'not_found', message: 'No such endpoint.' }));
  app.onError((err, c) => {
    if (isDatabaseUnavailable(err)) return jsonError(c, 503, DATABASE_DOWN);
    s.log({ level: 'error', event: 'unhandled', id: c.get('requestId'), message: err instanceof Error ? err.message : String(err) });
    return jsonError(c, 500, { error: 'internal', message: 'Something went wrong on the server.' });
  });
  return app;
}

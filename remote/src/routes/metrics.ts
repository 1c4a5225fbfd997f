import { Hono } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppEnv, Services } from '../http/context.js';
import { jsonError } from '../http/errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics in Prometheus text format, for a scraper holding REMOTE_METRICS_TOKEN. Mounted only when metrics
 * are on (otherwise the path is a plain 404). The token is compared in constant time (over digests, so its
 * length does not show either).
 */
export function metricsRoutes(s: Services, token: string) {
  const app = new Hono<AppEnv>();
  const expected = digest(`Bearer ${token}`);
  app.get('/', async (c) => {
    if (!timingSafeEqual(digest(c.req.header('authorization') ?? ''), expected)) {
      return jsonError(c, 401, { error: 'unauthorized', message: 'The metrics token is missing or wrong.' }, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    }
    return c.body(await s.metrics.registry.metrics(), 200, { 'content-type': s.metrics.registry.contentType });
  });
  return app;
}

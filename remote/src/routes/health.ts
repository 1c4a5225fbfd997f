import { Hono } from 'hono';
import type { AppEnv, Services } from '../http/context.js';
import { databaseReachable } from './auth-routes.js';

/** GET /health: 200 when the database answers, 503 when it does not; never reveals secrets or URLs. */
export function healthRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const reachable = await databaseReachable(s);
    return c.json(
      {
        status: reachable ? 'ok' : 'degraded',
        version: s.version,
        database: { reachable, kind: s.databaseKind },
        generation: {
          configured: s.generator.configured,
          personalizeModel: s.config.groq.personalizeModel,
          chatModel: s.config.groq.chatModel,
        },
      },
      reachable ? 200 : 503,
    );
  });
  return app;
}

import { createAdaptorServer } from '@hono/node-server';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createAuth } from './auth.js';
import type { RemoteConfig } from './config.js';
import { migrateDatabase } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { Generator } from './generation.js';
import type { Services } from './http/context.js';
import { loadOrCreateLocalSecret } from './local-secret.js';
import { FlightLeases } from './flight-lease.js';
import { ServiceMetrics } from './metrics.js';
import { PersonalizationCache } from './personalization-cache.js';
import { PersonalizationFlights } from './personalization-flights.js';
import { PostgresRateLimiter } from './rate-limit.js';
import { SessionCheck } from './session-check.js';
import { TokenVerifier } from './token-verifier.js';

/** A reader waiting for another instance's generation sees its text at most this late after it is stored. */
const FLIGHT_POLL_MS = 100;
/** ... and gives up after this long (a leader that is alive but never finishes; a dead one's lease expires sooner). */
const FLIGHT_MAX_WAIT_MS = 180_000;

/** url: where this process listens (the public URL may differ behind a proxy). */
export type RunningRemote = { url: string; services: Services; close: () => Promise<void> };
export type StartOptions = {
  /** Where request logs go; default: JSON lines on stdout when LOG_LEVEL=info. */
  log?: (entry: Record<string, unknown>) => void;
  /** Run migrations before serving. Default: only for the embedded database (DATABASE_URL: run remote:migrate). */
  migrate?: boolean;
};

// The service's own package.json (remote/), present also where only the service is installed.
const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/**
 * Starts the service: listens first (so port 0 works and the public URL is known), then opens the database,
 * builds better-auth with that URL and starts answering. Returns a close() that releases everything.
 */
export async function startRemote(config: RemoteConfig, opts: StartOptions = {}): Promise<RunningRemote> {
  const log = opts.log ?? (config.log ? jsonLine : () => {});
  let handler: ((req: Request, env: unknown) => Response | Promise<Response>) | undefined;
  const server = createAdaptorServer({
    fetch: (req, env) => (handler ? handler(req, env) : Response.json({ error: 'starting', message: 'The service is starting.' }, { status: 503 })),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const publicUrl = config.publicUrl ?? `http://${hostForUrl}:${port}`;

  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as import('node:http').Server).closeAllConnections?.();
    });

  let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    db = await openDatabase(config);
    const secret = config.authSecret ?? (db.kind === 'embedded' ? await loadOrCreateLocalSecret(config.dataDir) : undefined);
    if (!secret) throw new Error('BETTER_AUTH_SECRET is required when DATABASE_URL is set (32+ random characters; keep it stable).');
    const issuer = config.jwt.issuer ?? publicUrl;
    const base = { config, database: db.auth, sql: db.sql, secret, publicUrl, issuer, log };
    if (opts.migrate ?? db.kind === 'embedded') await db.exclusive(() => migrateDatabase(base));

    const metrics = new ServiceMetrics(db.poolStats);
    const limiter = new PostgresRateLimiter(db.sql, (scope) => metrics.rateLimitRefusals.inc({ scope }));
    const auth = createAuth({ ...base, limiter });
    const verifier = new TokenVerifier(async () => (await auth.api.getJwks()) as import('jose').JSONWebKeySet, {
      issuer,
      audience: config.jwt.audience,
      maxTokenAgeSeconds: config.jwt.ttlSeconds,
    });
    const services: Services = {
      config,
      auth,
      db: db.sql,
      transact: db.transact,
      databaseKind: db.kind,
      verifier,
      sessions: new SessionCheck(db.sql, config.jwt.sessionCheckCacheSeconds * 1000),
      limiter,
      generator: new Generator(config.groq, metrics),
      cache: new PersonalizationCache(db.sql),
      flights: new PersonalizationFlights(new FlightLeases(db.sql), { pollMs: FLIGHT_POLL_MS, maxWaitMs: FLIGHT_MAX_WAIT_MS, log }),
      metrics,
      version: VERSION,
      log,
    };
    const app = createApp(services);
    handler = (req, env) => app.fetch(req, env);
    const opened = db;
    return {
      url: `http://${hostForUrl}:${port}`,
      services,
      close: async () => {
        await closeServer();
        await opened.close();
      },
    };
  } catch (err) {
    await closeServer();
    await db?.close();
    throw err;
  }
}

/** One log entry as a JSON line on stdout (LOG_LEVEL=info). */
export function jsonLine(entry: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...entry })}\n`);
}

import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GenerationObserver } from './generation.js';
import type { AppEnv } from './http/context.js';
import type { SseEvent } from './http/sse.js';

/** What a pg Pool says about itself; the embedded database has no pool. */
export type PoolStats = { totalCount: number; idleCount: number; waitingCount: number };

/** Seconds; fine steps below 50 ms, where the service's own targets lie. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];
const UPSTREAM_BUCKETS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20];

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one), so two services in
 * one process (tests) count separately. Every label has a bounded set of values: route templates, status codes,
 * our own error codes, jose's error codes, configured model names. Never user ids, emails, IPs or tokens.
 */
export class ServiceMetrics implements GenerationObserver {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  readonly requestSeconds = new Histogram({
    name: 'remote_http_request_duration_seconds',
    help: 'Time from a request arriving to its response headers (for streams: to the start of the stream), by route template.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: this.registers,
  });
  readonly firstByteSeconds = new Histogram({
    name: 'remote_stream_first_byte_seconds',
    help: 'Time from a streaming request arriving to its first text (delta event) being handed to the socket.',
    labelNames: ['route', 'source'] as const,
    buckets: [...LATENCY_BUCKETS.filter((b) => b < 0.1), ...UPSTREAM_BUCKETS.filter((b) => b >= 0.1)],
    registers: this.registers,
  });
  readonly errors = new Counter({
    name: 'remote_errors_total',
    help: 'Error answers by kind: the error code sent to the client, http_<status> for answers better-auth wrote, stream_interrupted for a stream that ended in an error event.',
    labelNames: ['kind'] as const,
    registers: this.registers,
  });
  readonly jwtFailures = new Counter({
    name: 'remote_jwt_failures_total',
    help: 'Bearer tokens refused, by reason (a jose error code, or the check that refused it).',
    labelNames: ['reason'] as const,
    registers: this.registers,
  });
  readonly groqAcceptSeconds = new Histogram({
    name: 'remote_groq_response_seconds',
    help: 'Time for Groq to accept a completion request (response headers).',
    labelNames: ['model'] as const,
    buckets: UPSTREAM_BUCKETS,
    registers: this.registers,
  });
  readonly groqFirstTokenSeconds = new Histogram({
    name: 'remote_groq_first_token_seconds',
    help: 'Time from sending a completion request to Groq to its first text.',
    labelNames: ['model'] as const,
    buckets: UPSTREAM_BUCKETS,
    registers: this.registers,
  });
  readonly groqErrors = new Counter({
    name: 'remote_groq_errors_total',
    help: 'Groq requests that failed, by kind (rate_limited, timeout, unreachable, upstream_error, stalled, other).',
    labelNames: ['kind'] as const,
    registers: this.registers,
  });
  readonly cacheLookups = new Counter({
    name: 'remote_personalization_cache_lookups_total',
    help: 'Personalized-chapter cache lookups, by result (hit or miss); regenerations do not look.',
    labelNames: ['result'] as const,
    registers: this.registers,
  });
  readonly rateLimitRefusals = new Counter({
    name: 'remote_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit, by limit (personalize:user, chat:user, chat:anon, chat:anon-all, sync:user, auth).',
    labelNames: ['scope'] as const,
    registers: this.registers,
  });

  constructor(poolStats?: () => PoolStats) {
    collectDefaultMetrics({ register: this.registry, prefix: 'remote_' });
    if (!poolStats) return;
    new Gauge({
      name: 'remote_db_pool_connections',
      help: 'Postgres pool connections: total open, idle, and requests waiting for one.',
      labelNames: ['state'] as const,
      registers: this.registers,
      collect() {
        const p = poolStats();
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }

  /** Called once per request by the app's first middleware, after the response is known. */
  observeRequest(c: Context<AppEnv>): void {
    const seconds = (performance.now() - c.get('startedAt')) / 1000;
    const status = c.res.status;
    this.requestSeconds.observe({ method: c.req.method, route: routeOf(c), status: String(status) }, seconds);
    if (status >= 400) this.errors.inc({ kind: c.get('errorKind') ?? `http_${status}` });
  }

  /** The events of an SSE response, passed through; times the first delta and counts a stream ending in an error. */
  async *observeStream<E extends SseEvent>(c: Context<AppEnv>, events: AsyncGenerator<E>, source: 'groq' | 'cache' = 'cache'): AsyncGenerator<E> {
    const started = c.get('startedAt');
    const route = routeOf(c);
    let first = true;
    for await (const e of events) {
      if (first && e.event === 'delta') {
        first = false;
        this.firstByteSeconds.observe({ route, source }, (performance.now() - started) / 1000);
      }
      if (e.event === 'error') this.errors.inc({ kind: 'stream_interrupted' });
      yield e;
    }
  }

  upstreamAccepted(model: string, seconds: number): void {
    this.groqAcceptSeconds.observe({ model }, seconds);
  }

  upstreamFirstToken(model: string, seconds: number): void {
    this.groqFirstTokenSeconds.observe({ model }, seconds);
  }

  upstreamFailed(kind: string): void {
    this.groqErrors.inc({ kind });
  }
}

/** The matched route template ('/v1/sync/pull', '/api/auth/*'), or 'unmatched' for paths no route serves. */
function routeOf(c: Context<AppEnv>): string {
  const path = routePath(c, -1);
  return path && path !== '*' && path !== '/*' ? path : 'unmatched';
}

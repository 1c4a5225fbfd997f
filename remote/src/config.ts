import { SYNC_LIMITS } from '@physical-ai-reader/protocol';
import { z } from 'zod';

/** Every setting of the service, read from the environment once and validated. */
const intFrom = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** Rate-limit windows: at most a day, because idle counters are pruned after a day. */
const windowSeconds = (fallback: number) => intFrom(fallback, 1).refine((v) => v <= 86_400, 'must be at most 86400 seconds');

const envSchema = z.object({
  PORT: intFrom(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Public URL of this service; better-auth builds links and cookies from it. */
  PUBLIC_URL: z.url().optional(),
  /** Pooled Postgres URL for the service (Neon: the -pooler host). Unset: embedded PGlite. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Direct (non-pooled) URL used by `remote:migrate`; falls back to DATABASE_URL. */
  DIRECT_DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_MAX: intFrom(10, 1),
  /** Service processes sharing the port (Node cluster); more than one needs DATABASE_URL. */
  REMOTE_WORKERS: intFrom(1, 1).refine((v) => v <= 64, 'REMOTE_WORKERS must be 1..64'),
  REMOTE_DATA_DIR: z.string().default('.remote-data'),
  BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).default('physical-ai-reader'),
  JWT_TTL_SECONDS: intFrom(900, 60).refine((v) => v <= 3600, 'JWT_TTL_SECONDS must be at most 3600'),
  /** How long an instance trusts its last look at a JWT's session: the most a signed-out JWT keeps working. */
  SESSION_CHECK_CACHE_SECONDS: intFrom(5).refine((v) => v <= 60, 'SESSION_CHECK_CACHE_SECONDS must be 0..60'),
  GROQ_API_KEY: z.string().min(1).optional(),
  GROQ_BASE_URL: z.url().optional(),
  GROQ_PERSONALIZE_MODEL: z.string().min(1).default('llama-3.3-70b-versatile'),
  GROQ_CHAT_MODEL: z.string().min(1).default('llama-3.1-8b-instant'),
  /** Milliseconds to wait for Groq's response headers / between two streamed chunks. */
  GROQ_TIMEOUT_MS: intFrom(20_000, 100),
  GROQ_MAX_RETRIES: intFrom(0).refine((v) => v <= 2, 'GROQ_MAX_RETRIES must be 0..2'),
  /** Comma-separated origins allowed by CORS (the desktop itself sends no Origin). */
  CORS_ORIGINS: z.string().default(''),
  /** Comma-separated addresses/CIDRs of reverse proxies whose X-Forwarded-For we believe. */
  TRUSTED_PROXY: z.string().default(''),
  AUTH_RATE_MAX: intFrom(5, 1),
  AUTH_RATE_WINDOW_SECONDS: windowSeconds(900),
  GEN_RATE_USER_MAX: intFrom(30, 1),
  /** Per anonymous client: one IPv4 address, or one IPv6 /64. */
  GEN_RATE_ANON_MAX: intFrom(10, 1),
  /** All anonymous questions together, per window: what anonymous use may cost at most. */
  GEN_RATE_ANON_GLOBAL_MAX: intFrom(200, 1),
  /** `off`: /v1/chat requires a signed-in reader. */
  ANON_CHAT: z.enum(['on', 'off']).default('on'),
  GEN_RATE_WINDOW_SECONDS: windowSeconds(600),
  /** Sync pushes and pulls together, per user per window. */
  SYNC_RATE_MAX: intFrom(300, 1),
  SYNC_RATE_WINDOW_SECONDS: windowSeconds(60),
  /** Bytes of synced record data one user may hold. */
  SYNC_QUOTA_BYTES: intFrom(20 * 1024 * 1024, 1),
  /** One push: its body and its mutations (the desktop batches by the protocol's defaults). */
  SYNC_PUSH_MAX_BYTES: intFrom(SYNC_LIMITS.pushBytes, 1024),
  SYNC_PUSH_MAX_MUTATIONS: intFrom(SYNC_LIMITS.pushMutations, 1),
  /** Deleted records are remembered this long; a client last synced before that pulls everything again. */
  SYNC_TOMBSTONE_RETENTION_DAYS: intFrom(30, 1),
  LOG_LEVEL: z.enum(['silent', 'info']).default('info'),
  /** `token`: GET /metrics answers a scraper that sends `Authorization: Bearer <REMOTE_METRICS_TOKEN>`; `off`: 404. */
  REMOTE_METRICS: z.enum(['off', 'token']).default('off'),
  REMOTE_METRICS_TOKEN: z.string().min(32, 'REMOTE_METRICS_TOKEN must be at least 32 characters').optional(),
})
  .refine((e) => e.REMOTE_WORKERS === 1 || e.DATABASE_URL !== undefined, {
    // The embedded database lives inside one process; workers could not share it.
    path: ['REMOTE_WORKERS'],
    message: 'REMOTE_WORKERS above 1 needs DATABASE_URL (the embedded database is single-process)',
  })
  .refine((e) => e.REMOTE_METRICS === 'off' || e.REMOTE_METRICS_TOKEN !== undefined, {
    path: ['REMOTE_METRICS_TOKEN'],
    message: 'REMOTE_METRICS=token needs REMOTE_METRICS_TOKEN (32+ random characters)',
  });

export type RemoteConfig = {
  port: number;
  host: string;
  /** Unset: derived from the address the server actually listens on. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  directDatabaseUrl: string | undefined;
  poolMax: number;
  /** Processes serving the port: 1 = this process alone; more = a Node cluster (main.ts). */
  workers: number;
  dataDir: string;
  authSecret: string | undefined;
  /** issuer unset: the public URL. */
  jwt: { issuer: string | undefined; audience: string; ttlSeconds: number; sessionCheckCacheSeconds: number };
  groq: {
    apiKey: string | undefined;
    baseURL: string | undefined;
    personalizeModel: string;
    chatModel: string;
    timeoutMs: number;
    maxRetries: number;
  };
  corsOrigins: string[];
  trustedProxies: string[];
  limits: {
    auth: { max: number; windowSeconds: number };
    generation: { userMax: number; anonMax: number; anonGlobalMax: number; windowSeconds: number };
    sync: { max: number; windowSeconds: number; quotaBytes: number; tombstoneRetentionSeconds: number; pushMaxBytes: number; pushMaxMutations: number };
  };
  /** Whether /v1/chat answers readers who are not signed in. */
  anonymousChat: boolean;
  log: boolean;
  /** The bearer token /metrics asks for; undefined: /metrics is off (404). */
  metricsToken: string | undefined;
};

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function loadConfig(env: Record<string, string | undefined> = process.env): RemoteConfig {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid remote configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    directDatabaseUrl: e.DIRECT_DATABASE_URL ?? e.DATABASE_URL,
    poolMax: e.DATABASE_POOL_MAX,
    workers: e.REMOTE_WORKERS,
    dataDir: e.REMOTE_DATA_DIR,
    authSecret: e.BETTER_AUTH_SECRET,
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, ttlSeconds: e.JWT_TTL_SECONDS, sessionCheckCacheSeconds: e.SESSION_CHECK_CACHE_SECONDS },
    groq: {
      apiKey: e.GROQ_API_KEY,
      baseURL: e.GROQ_BASE_URL,
      personalizeModel: e.GROQ_PERSONALIZE_MODEL,
      chatModel: e.GROQ_CHAT_MODEL,
      timeoutMs: e.GROQ_TIMEOUT_MS,
      maxRetries: e.GROQ_MAX_RETRIES,
    },
    corsOrigins: list(e.CORS_ORIGINS),
    trustedProxies: list(e.TRUSTED_PROXY),
    limits: {
      auth: { max: e.AUTH_RATE_MAX, windowSeconds: e.AUTH_RATE_WINDOW_SECONDS },
      generation: {
        userMax: e.GEN_RATE_USER_MAX,
        anonMax: e.GEN_RATE_ANON_MAX,
        anonGlobalMax: e.GEN_RATE_ANON_GLOBAL_MAX,
        windowSeconds: e.GEN_RATE_WINDOW_SECONDS,
      },
      sync: {
        max: e.SYNC_RATE_MAX,
        windowSeconds: e.SYNC_RATE_WINDOW_SECONDS,
        quotaBytes: e.SYNC_QUOTA_BYTES,
        tombstoneRetentionSeconds: e.SYNC_TOMBSTONE_RETENTION_DAYS * 86_400,
        pushMaxBytes: e.SYNC_PUSH_MAX_BYTES,
        pushMaxMutations: e.SYNC_PUSH_MAX_MUTATIONS,
      },
    },
    anonymousChat: e.ANON_CHAT === 'on',
    log: e.LOG_LEVEL === 'info',
    metricsToken: e.REMOTE_METRICS === 'token' ? e.REMOTE_METRICS_TOKEN : undefined,
  };
}

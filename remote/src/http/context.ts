import type { ReaderClaims } from '@physical-ai-reader/protocol';
import type { Auth } from '../auth.js';
import type { RemoteConfig } from '../config.js';
import type { Sql } from '../db/sql.js';
import type { Transact } from '../db/transaction.js';
import type { Generator } from '../generation.js';
import type { ServiceMetrics } from '../metrics.js';
import type { PersonalizationCache } from '../personalization-cache.js';
import type { PersonalizationFlights } from '../personalization-flights.js';
import type { PostgresRateLimiter } from '../rate-limit.js';
import type { SessionCheck } from '../session-check.js';
import type { TokenVerifier } from '../token-verifier.js';

/** Everything the routes need, built once per process by server.ts. */
export type Services = {
  config: RemoteConfig;
  auth: Auth;
  db: Sql;
  /** One transaction on one connection (sync pushes and pulls). */
  transact: Transact;
  databaseKind: 'embedded' | 'postgres';
  verifier: TokenVerifier;
  sessions: SessionCheck;
  limiter: PostgresRateLimiter;
  generator: Generator;
  cache: PersonalizationCache;
  /** One generation per shared personalization at a time, across instances. */
  flights: PersonalizationFlights;
  metrics: ServiceMetrics;
  version: string;
  log: (entry: Record<string, unknown>) => void;
};

export type AppEnv = {
  Variables: {
    clientIp: string;
    requestId: string;
    /** performance.now() when the request reached the app: the start of its latency and time to first byte. */
    startedAt: number;
    user: ReaderClaims | undefined;
    authFailure: string | undefined;
    /** The error code of a JSON error answer (metrics count errors by it). */
    errorKind: string | undefined;
  };
};

import { backgroundDetail, hardwareBackground, PASSWORD_MAX, PASSWORD_MIN, softwareBackground } from '@physical-ai-reader/protocol';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { bearer, jwt } from 'better-auth/plugins';
import type { RemoteConfig } from './config.js';
import type { PostgresRateLimiter } from './rate-limit.js';

/** Header our own middleware sets to the resolved client IP (any client-sent value is replaced). */
export const CLIENT_IP_HEADER = 'x-reader-client-ip';
export const AUTH_BASE_PATH = '/api/auth';

export type AuthSettings = {
  config: RemoteConfig;
  /** The database as better-auth takes it: a pg.Pool, or a Kysely dialect for the embedded one. */
  database: NonNullable<BetterAuthOptions['database']>;
  secret: string;
  publicUrl: string;
  issuer: string;
  limiter?: PostgresRateLimiter;
  log: (entry: Record<string, unknown>) => void;
};

/**
 * better-auth options. Shared by the running service and `remote:migrate` (which needs the same plugins and
 * fields to compute the schema, but no rate limiter).
 */
export function authOptions(s: AuthSettings) {
  const { config } = s;
  const authRule = { window: config.limits.auth.windowSeconds, max: config.limits.auth.max };
  return {
    appName: 'Physical AI Reader',
    database: s.database,
    baseURL: s.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: s.secret,
    telemetry: { enabled: false },
    // Messages only: the extra arguments better-auth passes can hold request data.
    logger: { level: 'warn', log: (level, message) => s.log({ level, event: 'auth', message }) },
    trustedOrigins: config.corsOrigins,
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    user: {
      additionalFields: {
        // The same zod schemas as the HTTP validation, so direct server calls are held to the same rules.
        softwareBackground: { type: 'string', required: true, input: true, validator: { input: softwareBackground } },
        hardwareBackground: { type: 'string', required: true, input: true, validator: { input: hardwareBackground } },
        softwareDetail: { type: 'string', required: false, input: true, validator: { input: backgroundDetail } },
        hardwareDetail: { type: 'string', required: false, input: true, validator: { input: backgroundDetail } },
      },
    },
    rateLimit: s.limiter
      ? {
          enabled: true,
          window: 60,
          max: 120,
          customRules: { '/sign-in/*': authRule, '/sign-up/*': authRule },
          customStorage: s.limiter,
        }
      : { enabled: false },
    advanced: {
      // Explicit, so tests (where better-auth would skip it) check origins exactly as production does.
      disableOriginCheck: false,
      // Our middleware resolves the client IP (honouring TRUSTED_PROXY) and always overwrites this header.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      // Lets the desktop send its session token as `Authorization: Bearer` instead of a cookie.
      bearer(),
      jwt({
        jwks: { keyPairConfig: { alg: 'RS256', modulusLength: 2048 } },
        jwt: {
          issuer: s.issuer,
          audience: config.jwt.audience,
          expirationTime: `${config.jwt.ttlSeconds}s`,
          // Only what consumers need; the plugin adds sub (the user id), iat, exp, iss and aud. `sid` lets our
          // routes refuse the JWTs of a session that was signed out (see SessionCheck).
          definePayload: ({ user, session }) => ({
            sid: session.id,
            email: user.email,
            name: user.name,
            softwareBackground: user.softwareBackground,
            hardwareBackground: user.hardwareBackground,
          }),
        },
      }),
    ],
  } satisfies BetterAuthOptions;
}

export function createAuth(s: AuthSettings) {
  return betterAuth(authOptions(s));
}

export type Auth = ReturnType<typeof createAuth>;

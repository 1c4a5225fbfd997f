/**
 * Which remote service the desktop talks to, and what its tokens must say. The build default is what
 * `npm run remote` serves locally; release builds replace DEFAULT_REMOTE_URL. Precedence: an explicit choice
 * (CLI --remote) > READER_REMOTE_URL > the URL saved at the last sign-in > the build default.
 */
import { RemoteUrlSchema } from './remote-url.js';

export const DEFAULT_REMOTE_URL = 'http://127.0.0.1:4000';
/** The service's JWT_AUDIENCE default. */
export const DEFAULT_AUDIENCE = 'physical-ai-reader';

export function normalizeRemoteUrl(url: string): string {
  const parsed = RemoteUrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return parsed.data.replace(/\/+$/, '');
}

export function resolveRemoteUrl(
  choices: { explicit?: string | undefined; saved?: string | null | undefined },
  env: NodeJS.ProcessEnv = process.env,
): string {
  return normalizeRemoteUrl(choices.explicit ?? env.READER_REMOTE_URL ?? choices.saved ?? DEFAULT_REMOTE_URL);
}

/** The service issues tokens with its public URL as issuer unless configured otherwise (JWT_ISSUER). */
export function expectedTokenClaims(remoteUrl: string, env: NodeJS.ProcessEnv = process.env) {
  return {
    issuer: env.READER_REMOTE_ISSUER?.trim() || remoteUrl,
    audience: env.READER_REMOTE_AUDIENCE?.trim() || DEFAULT_AUDIENCE,
  };
}

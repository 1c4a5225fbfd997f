/**
 * Which remote service the desktop talks to, and what its tokens must say. The build default is what
 * `npm run remote` serves locally; release builds replace DEFAULT_REMOTE_URL. Precedence: an explicit choice
 * (CLI --remote) > READER_REMOTE_URL (config/desktop-config.ts) > the URL saved at the last sign-in > the build default.
 */
import { desktopConfig, type RemoteSettings } from '../config/desktop-config.js';
import { RemoteUrlSchema } from './remote-url.js';

export const DEFAULT_REMOTE_URL = 'http://127.0.0.1:4000';

export function normalizeRemoteUrl(url: string): string {
  const parsed = RemoteUrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return parsed.data.replace(/\/+$/, '');
}

export function resolveRemoteUrl(
  choices: { explicit?: string | undefined; saved?: string | null | undefined },
  remote: Pick<RemoteSettings, 'url'> = desktopConfig().remote,
): string {
  return normalizeRemoteUrl(choices.explicit ?? remote.url ?? choices.saved ?? DEFAULT_REMOTE_URL);
}

/** The service issues tokens with its public URL as issuer unless configured otherwise (JWT_ISSUER). */
export function expectedTokenClaims(remoteUrl: string, remote: RemoteSettings = desktopConfig().remote) {
  return { issuer: remote.issuer ?? remoteUrl, audience: remote.audience };
}

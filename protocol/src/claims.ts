import { z } from 'zod';
import { hardwareBackground, softwareBackground } from './background.js';

/**
 * The claims of a reader JWT (RS256, minted by the service's better-auth, checked by the service on every
 * generation call and by the desktop offline to show who is signed in). `iss` and `aud` are checked by jose.
 */
export const readerClaims = z.object({
  sub: z.string().min(1),
  /** The session the token was minted from; the service checks it still exists, so a sign-out ends its JWTs. */
  sid: z.string().min(1),
  email: z.string(),
  name: z.string(),
  softwareBackground,
  hardwareBackground,
  iat: z.number(),
  exp: z.number(),
});
export type ReaderClaims = z.infer<typeof readerClaims>;

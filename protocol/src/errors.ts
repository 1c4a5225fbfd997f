import { z } from 'zod';

/**
 * The body of every non-2xx JSON answer of the service's own routes: a stable code (e.g. `rate_limited`), a
 * sentence for people, field messages for a 400, and for a 429 the seconds to wait. better-auth's own errors keep
 * their `{code, message}` shape.
 */
export const serviceError = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  retryAfter: z.number().optional(),
});
export type ServiceError = z.infer<typeof serviceError>;

import type { Context } from 'hono';
import type { z } from 'zod';
import { jsonError } from './errors.js';

/** JSON body checked against `schema`; a Response (400) when it is not JSON or does not match. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S> | Response> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return jsonError(c, 400, { error: 'invalid_json', message: 'The request body must be JSON.' });
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : invalidInput(c, parsed.error);
}

/** zod issues -> { field: message } for a 400 body the desktop can show next to each input. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

export function invalidInput(c: Context, error: z.ZodError): Response {
  const fields = fieldErrors(error);
  const message = Object.entries(fields)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
  return jsonError(c, 400, { error: 'invalid_input', message, fields });
}

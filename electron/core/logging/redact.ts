/**
 * Keeps secrets out of log lines: a field whose name says it holds one is replaced whole, and a token-looking string
 * anywhere (a JWT, an Authorization header value) is cut out of free text, so a message or an error that happens to
 * quote one still logs safely.
 */

/** Field names that hold secrets however they are spelled (sessionToken, set-cookie, apiKey, BETTER_AUTH_SECRET). */
const SECRET_NAME = /token|passw(or)?d|secret|authori[sz]ation|cookie|jwt|api[-_]?key|credential/i;
/** Three base64url parts, the first a JSON header (`{"` is `eyJ`). */
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
/** The credential after an HTTP auth scheme (real ones are long; "Bearer of" in prose is not one). */
const AUTH_VALUE = /\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi;

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

export function redactText(text: string): string {
  return text.replace(JWT, REDACTED).replace(AUTH_VALUE, `$1 ${REDACTED}`);
}

/** A copy of `value` safe to log: secret-named fields replaced, strings cleaned, errors as name, message, stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    const { name, message, stack } = value;
    return redact({ name, message, ...(stack ? { stack } : {}), ...(value.cause !== undefined ? { cause: value.cause } : {}) }, depth + 1);
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) ? REDACTED : redact(v, depth + 1)]));
}

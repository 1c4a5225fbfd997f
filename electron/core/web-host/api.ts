/**
 * The ReaderApi over HTTP, generically: `POST /api/<method>` looks the method up in the contract, validates the JSON
 * body with its schema and calls the core. No method has code of its own here. Errors are mapped by the same
 * `failure` the Electron host uses, so the page sees the same messages and codes in both hosts.
 */
import { failure, type Envelope, type ErrorCode } from '../hosting/envelope';
import { methods, type MethodName, type ReaderCoreMethods } from '../contract';

export interface ApiReply {
  status: number;
  body: unknown;
}

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  unavailable: 424,
  cancelled: 409,
  internal: 500,
};

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export async function callMethod(core: ReaderCoreMethods, name: string, raw: unknown): Promise<ApiReply> {
  if (!isMethodName(name)) {
    return { status: 404, body: { error: `Unknown method "${name.slice(0, 60)}".`, code: 'not_found' } };
  }
  try {
    const input = methods[name].input.parse(raw);
    const fn = core[name] as (input: unknown) => Promise<unknown>;
    return { status: 200, body: { result: (await fn.call(core, input)) ?? null } };
  } catch (err) {
    const { error } = failure(err) as Extract<Envelope, { ok: false }>;
    // Only the method name and the error reach the log: never the request body, cookies or the launch key.
    if (error.code === 'internal') {
      console.error(`[web-host] ${name} failed:`, err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
    return { status: STATUS[error.code], body: { error: error.message, code: error.code } };
  }
}

/**
 * The ReaderApi over HTTP, generically: `POST /api/<method>` looks the method up in the contract, validates the JSON
 * body with its schema and calls the core. No method has code of its own here. Errors are mapped by the same
 * `failure` the Electron host uses and sent whole as `{ error: SerializedError }`, so the page sees the same error in
 * both hosts.
 */
import { failure } from '../hosting/envelope.js';
import { methods, type ErrorCode, type MethodName, type ReaderCoreMethods } from '../contract.js';
import { logger } from '../logging/program-log.js';

const log = logger('web-host');

export interface ApiReply {
  status: number;
  body: unknown;
}

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  unauthorized: 401,
  rate_limited: 429,
  offline: 424,
  timeout: 424,
  unavailable: 424,
  cancelled: 409,
  internal: 500,
};

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export async function callMethod(core: ReaderCoreMethods, name: string, raw: unknown): Promise<ApiReply> {
  if (!isMethodName(name)) {
    const error = { code: 'not_found', message: `Unknown method "${name.slice(0, 60)}".`, details: {} };
    return { status: 404, body: { error } };
  }
  try {
    const input = methods[name].input.parse(raw);
    const fn = core[name] as (input: unknown) => Promise<unknown>;
    return { status: 200, body: { result: (await fn.call(core, input)) ?? null } };
  } catch (err) {
    const { error } = failure(err, name, log);
    return { status: STATUS[error.code], body: { error } };
  }
}

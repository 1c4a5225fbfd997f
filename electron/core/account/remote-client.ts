/**
 * HTTP client for the remote service (remote/): better-auth's email/password routes, JWT minting with the
 * session token (bearer plugin), the JWKS, and the two streaming generation routes. Every response is validated
 * with zod; every failure becomes a RemoteError whose kind the UI can act on.
 */
import {
  backgroundFields,
  CHAT_PATH,
  chatEvent,
  hardwareBackground,
  PERSONALIZE_PATH,
  personalizeEvent,
  serviceError,
  softwareBackground,
  SYNC_PULL_PATH,
  SYNC_PUSH_PATH,
  syncPullResponse,
  syncPushResponse,
  type ChatRequest,
  type PersonalizeRequest,
  type SignInRequest,
  type SignUpRequest,
  type SyncPullResponse,
  type SyncPushResponse,
  type UpdateUserRequest,
} from '@physical-ai-reader/protocol';
import { z } from 'zod';
import type { Profile } from '../contract.js';
import { generationParts, type GenerationEventSchema, type StreamPart } from './generation-stream.js';
import { cancelled, describeNetworkError, isConnectionReset, RemoteError, retryAfterSeconds } from './remote-errors.js';

const RemoteUserSchema = z.object({
  id: z.string().min(1),
  email: z.string().min(1),
  name: z.string(),
  softwareBackground,
  hardwareBackground,
  softwareDetail: z.string().nullish(),
  hardwareDetail: z.string().nullish(),
});
export type RemoteUser = z.infer<typeof RemoteUserSchema>;

export function profileOf(user: RemoteUser): Profile {
  return {
    email: user.email,
    name: user.name,
    softwareBackground: user.softwareBackground,
    hardwareBackground: user.hardwareBackground,
    softwareDetail: user.softwareDetail ?? null,
    hardwareDetail: user.hardwareDetail ?? null,
  };
}

const AuthResponseSchema = z.object({ token: z.string().min(1), user: RemoteUserSchema });
const TokenResponseSchema = z.object({ token: z.string().min(1) });
const SessionResponseSchema = z.object({ user: RemoteUserSchema }).nullable();
const JwkSchema = z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional() });
const JwksSchema = z.object({ keys: z.array(JwkSchema).min(1) });
export type Jwks = z.infer<typeof JwksSchema>;

/** The error bodies we may get: the service's own, better-auth's `{code, message}`, or a proxy's. */
const ErrorBodySchema = z.looseObject({
  ...serviceError.partial().shape,
  code: z.string().optional(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
});

export interface RemoteClientOptions {
  baseUrl: string;
  /** Whole-request bound for JSON calls, and the wait for the first byte of a stream. */
  timeoutMs?: number;
  /** Longest silence allowed between two chunks of a stream. */
  streamIdleMs?: number;
  fetch?: typeof fetch;
}

export type RemoteClient = ReturnType<typeof createRemoteClient>;

export function createRemoteClient(options: RemoteClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const streamIdleMs = options.streamIdleMs ?? 30_000;
  const doFetch = options.fetch ?? fetch;

  /**
   * One request. The timer covers connecting and, until `settle()` is called, reading the body; streams settle
   * as soon as headers arrive and then watch for idle gaps themselves. Aborting `controller` (caller's signal,
   * timeout, stall) also tears down a body being read.
   */
  async function send(path: string, init: RequestInit & { bearer?: string | null; idempotent?: boolean }, signal?: AbortSignal) {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json, text/event-stream');
    if (init.body !== undefined) headers.set('Content-Type', 'application/json');
    if (init.bearer) headers.set('Authorization', `Bearer ${init.bearer}`);
    // Node's fetch sends `Sec-Fetch-Mode: cors`, which makes better-auth demand a trusted Origin on sign-in and
    // sign-up. The desktop is a first-party client of the service, so it names the service's own origin.
    headers.set('Origin', origin);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const timeoutError = () =>
      new RemoteError('timeout', `The account service did not answer within ${timeoutMs / 1000} s.`);
    const attempt = () => doFetch(`${base}${path}`, { ...init, headers, signal: controller.signal, redirect: 'error' });
    let response: Response;
    try {
      response = await attempt().catch((err: unknown) => {
        // A kept-alive connection the service closed just as it was reused fails before anything is answered; a
        // request that is safe to repeat (a GET, a push of numbered mutations) goes once more on a new one.
        if ((init.idempotent ?? init.method === 'GET') && !timedOut && !controller.signal.aborted && isConnectionReset(err)) return attempt();
        throw err;
      });
    } catch (err) {
      settle();
      if (timedOut) throw timeoutError();
      if (signal?.aborted) throw cancelled(signal);
      throw new RemoteError('offline', `Cannot reach the account service at ${base} (${describeNetworkError(err)}).`);
    }
    if (!response.ok) {
      const error = await errorFrom(response).catch(() => (timedOut ? timeoutError() : cancelled(signal)));
      settle();
      throw error;
    }
    return { response, controller, settle, timeoutError: () => (timedOut ? timeoutError() : null) };
  }

  async function json<T extends z.ZodType>(
    schema: T,
    path: string,
    init: RequestInit & { bearer?: string | null; idempotent?: boolean },
  ): Promise<{ data: z.output<T>; response: Response }> {
    const { response, settle, timeoutError } = await send(path, init);
    let raw: unknown;
    try {
      raw = await response.json();
    } catch {
      throw timeoutError() ?? new RemoteError('bad_response', `The account service sent an unreadable answer to ${path}.`);
    } finally {
      settle();
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new RemoteError('bad_response', `The account service sent an unexpected answer to ${path}.`);
    }
    return { data: parsed.data, response };
  }

  /** The bearer plugin returns the signed session token in `set-auth-token`; the body carries the bare one. */
  function sessionTokenFrom(response: Response, bodyToken: string): string {
    return response.headers.get('set-auth-token') || bodyToken;
  }

  async function* stream(
    path: string,
    schema: GenerationEventSchema,
    body: PersonalizeRequest | ChatRequest,
    bearer: string | null,
    signal?: AbortSignal,
  ) {
    const { response, controller, settle } = await send(
      path,
      { method: 'POST', body: JSON.stringify(body), bearer },
      signal,
    );
    settle();
    if (!response.body) throw new RemoteError('bad_response', `The service sent no stream for ${path}.`);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      yield* generationParts(response.body, schema, { idleMs: streamIdleMs, controller, signal });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Stopping early (consumer broke out, error) must close the connection.
      controller.abort();
    }
  }

  return {
    baseUrl: base,

    async signUp(input: SignUpRequest) {
      // Only the fields the service knows: the caller's input may carry more (the service URL).
      const body: SignUpRequest = { email: input.email, password: input.password, name: input.name, ...backgroundFields.parse(input) };
      const { data, response } = await json(AuthResponseSchema, '/api/auth/sign-up/email', {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return { sessionToken: sessionTokenFrom(response, data.token), user: data.user };
    },

    async signIn(input: SignInRequest) {
      const body: SignInRequest = { email: input.email, password: input.password };
      const { data, response } = await json(AuthResponseSchema, '/api/auth/sign-in/email', {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return { sessionToken: sessionTokenFrom(response, data.token), user: data.user };
    },

    /** A fresh JWT minted from the session; 401 means the session is gone (signed out elsewhere, revoked). */
    async mintJwt(sessionToken: string): Promise<string> {
      const { data } = await json(TokenResponseSchema, '/api/auth/token', { method: 'GET', bearer: sessionToken });
      return data.token;
    },

    async getSession(sessionToken: string): Promise<RemoteUser | null> {
      const { data } = await json(SessionResponseSchema, '/api/auth/get-session', {
        method: 'GET',
        bearer: sessionToken,
      });
      return data?.user ?? null;
    },

    async jwks(): Promise<Jwks> {
      return (await json(JwksSchema, '/api/auth/jwks', { method: 'GET' })).data;
    },

    async updateUser(sessionToken: string, patch: UpdateUserRequest): Promise<void> {
      await json(z.object({ status: z.boolean() }), '/api/auth/update-user', {
        method: 'POST',
        body: JSON.stringify(patch),
        bearer: sessionToken,
      });
    },

    async signOut(sessionToken: string): Promise<void> {
      await json(z.looseObject({ success: z.boolean() }), '/api/auth/sign-out', {
        method: 'POST',
        body: '{}',
        bearer: sessionToken,
      });
    },

    /** One push of numbered mutations (see protocol/src/sync.ts); a 409 carries `mutation_gap` in its code. */
    async syncPush(jwt: string, body: { clientId: string; mutations: unknown[] }): Promise<SyncPushResponse> {
      // Safe to send twice: the service consumes each mutation id once.
      return (await json(syncPushResponse, SYNC_PUSH_PATH, { method: 'POST', body: JSON.stringify(body), bearer: jwt, idempotent: true })).data;
    },

    /** Records changed after `cursor`; a 409 `resync_required` means pull again from 0. */
    async syncPull(jwt: string, cursor: number, limit?: number): Promise<SyncPullResponse> {
      const q = new URLSearchParams({ cursor: String(cursor), ...(limit ? { limit: String(limit) } : {}) });
      return (await json(syncPullResponse, `${SYNC_PULL_PATH}?${q}`, { method: 'GET', bearer: jwt })).data;
    },

    personalize(jwt: string, request: PersonalizeRequest, signal?: AbortSignal): AsyncGenerator<StreamPart> {
      return stream(PERSONALIZE_PATH, personalizeEvent, request, jwt, signal);
    },

    chat(jwt: string | null, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<StreamPart> {
      return stream(CHAT_PATH, chatEvent, request, jwt, signal);
    },
  };
}

async function errorFrom(response: Response): Promise<RemoteError> {
  const status = response.status;
  const text = await response.text().catch(() => '');
  let body: z.infer<typeof ErrorBodySchema> = {};
  try {
    body = ErrorBodySchema.parse(JSON.parse(text));
  } catch {
    // not JSON: keep the status-based message
  }
  const fields = body.fields ?? body.fieldErrors;
  const firstField = fields ? Object.keys(fields)[0] : undefined;
  const serverMessage =
    body.message ?? body.error ?? (firstField && fields ? `${firstField} ${fields[firstField]}` : undefined);
  const details = { status, code: body.code ?? body.error, field: firstField };
  switch (status) {
    case 401:
      return new RemoteError('unauthorized', serverMessage ?? 'Not signed in, or the session has ended.', details);
    case 429: {
      const retry = retryAfterSeconds(response.headers.get('retry-after'));
      const wait = retry !== undefined ? ` Try again in ${retry} s.` : ' Try again later.';
      return new RemoteError('rate_limited', `Too many requests.${wait}`, { ...details, retryAfterSeconds: retry });
    }
    case 502:
      return new RemoteError('bad_gateway', serverMessage ?? 'The text generator failed. Try again.', details);
    case 503:
      return new RemoteError('unavailable', serverMessage ?? 'The account service is unavailable right now.', details);
    default:
      return status >= 500
        ? new RemoteError('server', serverMessage ?? `The account service failed (HTTP ${status}).`, details)
        : new RemoteError('rejected', serverMessage ?? `The account service refused the request (HTTP ${status}).`, details);
  }
}

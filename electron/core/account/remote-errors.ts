/**
 * What can go wrong talking to the remote service, sorted into the cases the UI treats differently: each kind
 * gets its own message and retry path.
 */
export type RemoteErrorKind =
  | 'offline' // no route to the service (DNS, refused, reset)
  | 'timeout' // the service did not answer in time
  | 'unauthorized' // 401: bad credentials, or a revoked / expired session
  | 'rate_limited' // 429: wait Retry-After seconds
  | 'unavailable' // 503: the service (or its generator) is not configured or is down
  | 'bad_gateway' // 502: the generator failed upstream
  | 'rejected' // 4xx other than the above: invalid input, duplicate email ...
  | 'server' // other 5xx
  | 'bad_response'; // the answer did not have the shape we expect

export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number; field?: string; code?: string } = {},
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export function isRemoteError(err: unknown, kind?: RemoteErrorKind): err is RemoteError {
  return err instanceof RemoteError && (kind === undefined || err.kind === kind);
}

/** A Retry-After header as seconds (it may be seconds or an HTTP date). */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The short reason a fetch or a body read failed (ECONNREFUSED ...), for messages. */
export function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : String(err));
}

/** The connection went away under the request (reset, or closed by the other side) rather than never opening. */
export function isConnectionReset(err: unknown): boolean {
  const code = err instanceof Error ? (err.cause as { code?: string } | undefined)?.code : undefined;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
}

/** The error a cancelled call ends with: the caller's abort reason when it gave one. */
export function cancelled(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error('Cancelled');
}

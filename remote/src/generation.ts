import Groq from 'groq-sdk';
import type { RemoteConfig } from './config.js';

const STALLED = 'Groq stopped sending before the answer was complete.';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** A failure the client should see as-is: status, message, and for 429 when to retry. */
export class GenerationError extends Error {
  constructor(
    readonly status: 429 | 502 | 503,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Hears how Groq answers (metrics); kinds of failure are a fixed set, see upstreamErrorKind. */
export type GenerationObserver = {
  upstreamAccepted(model: string, seconds: number): void;
  upstreamFirstToken(model: string, seconds: number): void;
  upstreamFailed(kind: string): void;
};

const NO_OBSERVER: GenerationObserver = { upstreamAccepted() {}, upstreamFirstToken() {}, upstreamFailed() {} };

/** A started completion: text pieces as they arrive; `finished` tells whether the model reached a natural end. */
export type TextStream = { pieces: AsyncIterable<string>; finished: () => boolean };

/**
 * Groq through groq-sdk. Retries are off by default (GROQ_MAX_RETRIES): a retry would hold the reader's first
 * token hostage for seconds, and the reader can press the button again. `timeout` covers the wait for response
 * headers; an idle timer covers a stream that stops sending.
 */
export class Generator {
  private readonly client: Groq | undefined;

  constructor(
    private readonly cfg: RemoteConfig['groq'],
    private readonly observer: GenerationObserver = NO_OBSERVER,
  ) {
    this.client = cfg.apiKey
      ? new Groq({ apiKey: cfg.apiKey, baseURL: cfg.baseURL, maxRetries: cfg.maxRetries, timeout: cfg.timeoutMs })
      : undefined;
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /** Resolves once Groq has accepted the request (so errors map to an HTTP status before any byte is sent). */
  async start(model: string, messages: ChatMessage[], signal: AbortSignal): Promise<TextStream> {
    if (!this.client) throw new GenerationError(503, 'Generation is not configured on this server (GROQ_API_KEY is not set).');
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    signal.addEventListener('abort', onOuterAbort, { once: true });
    const observer = this.observer;
    const sent = performance.now();
    let stream: Awaited<ReturnType<typeof startCompletion>>;
    try {
      stream = await startCompletion(this.client, model, messages, abort.signal);
    } catch (err) {
      signal.removeEventListener('abort', onOuterAbort);
      if (!signal.aborted) observer.upstreamFailed(upstreamErrorKind(err));
      throw toGenerationError(err);
    }
    observer.upstreamAccepted(model, (performance.now() - sent) / 1000);
    let finished = false;
    let idle = false;
    const idleMs = this.cfg.timeoutMs;
    const onIdle = () => {
      idle = true;
      abort.abort();
    };
    async function* pieces(): AsyncGenerator<string> {
      let timer = setTimeout(onIdle, idleMs);
      let firstText = true;
      try {
        for await (const chunk of stream) {
          clearTimeout(timer);
          timer = setTimeout(onIdle, idleMs);
          const choice = chunk.choices[0];
          if (choice?.finish_reason) finished = true;
          const text = choice?.delta?.content;
          if (!text) continue;
          if (firstText) observer.upstreamFirstToken(model, (performance.now() - sent) / 1000);
          firstText = false;
          yield text;
        }
        // The SDK ends the iteration quietly when aborted; a stall must still surface as an error.
        if (idle) throw new GenerationError(502, STALLED);
      } catch (err) {
        if (signal.aborted) throw err;
        observer.upstreamFailed(idle ? 'stalled' : upstreamErrorKind(err));
        throw toGenerationError(err, STALLED);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onOuterAbort);
      }
    }
    return { pieces: pieces(), finished: () => finished };
  }
}

function startCompletion(client: Groq, model: string, messages: ChatMessage[], signal: AbortSignal) {
  return client.chat.completions.create({ model, messages, stream: true, temperature: 0.3 }, { signal });
}

/** A fixed set of failure kinds for metrics (never a message, which can hold request details). */
function upstreamErrorKind(err: unknown): string {
  if (err instanceof Groq.RateLimitError) return 'rate_limited';
  if (err instanceof Groq.APIConnectionTimeoutError) return 'timeout';
  if (err instanceof Groq.APIUserAbortError) return 'timeout';
  if (err instanceof Groq.APIConnectionError) return 'unreachable';
  if (err instanceof Groq.APIError) return 'upstream_error';
  return 'other';
}

function toGenerationError(err: unknown, idleMessage?: string): GenerationError {
  if (err instanceof GenerationError) return err;
  if (err instanceof Groq.RateLimitError) {
    const header = Number(err.headers?.get('retry-after'));
    const retry = Number.isFinite(header) && header > 0 ? Math.ceil(header) : 10;
    return new GenerationError(429, 'The generation service is busy; try again shortly.', retry);
  }
  if (err instanceof Groq.APIUserAbortError) return new GenerationError(502, idleMessage ?? 'Groq did not answer in time.');
  if (err instanceof Groq.APIConnectionTimeoutError) return new GenerationError(502, 'Groq did not answer in time.');
  if (err instanceof Groq.APIConnectionError) return new GenerationError(502, 'Groq could not be reached.');
  if (err instanceof Groq.APIError) return new GenerationError(502, `Groq answered with an error (HTTP ${err.status ?? '?'}).`);
  return new GenerationError(502, 'Generation failed.');
}

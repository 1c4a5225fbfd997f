import { GenerationError, type TextStream } from './generation.js';
import type { FlightLeases } from './flight-lease.js';

/** Starts the Groq stream for a key; resolves once Groq accepted the request. */
export type StartGeneration = (signal: AbortSignal) => Promise<TextStream>;
/** Stores a complete text as the shared entry (before anyone is told it is done, so a repeat hits the cache). */
export type StoreResult = (text: string) => Promise<void>;
/** One reader's view of a flight: relay() it; `leave()` when the reader's stream ends. */
export type FlightView = TextStream & { leave: () => void };

export type FlightOptions = {
  /** How often a process waiting for another instance's generation looks at the database, and how often the
   * leading process writes its text so far there. */
  pollMs: number;
  /** The longest a reader waits for another instance's generation before getting an error. */
  maxWaitMs: number;
  log: (entry: Record<string, unknown>) => void;
};

/** Cached text is handed to readers in pieces of this many characters (relay merges them into deltas). */
const PIECE = 2048;
/** How often a leader nobody watches renews its lease (and publishes), at most. */
const IDLE_RENEW_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Single flight for shared personalizations: however many readers ask for the same key at once, on however many
 * instances, one Groq generation runs. In this process, readers of a key share one Flight and stream its text as it
 * arrives (a follower's first byte comes as soon as the leader's). Across processes the lease row (FlightLeases)
 * picks one leader, which writes its text so far there every pollMs; a process that loses polls it and streams that
 * text, then the rest of the stored entry (or the leader's failure). If the lease expires unfinished (leader
 * gone), a waiter that has sent nothing yet takes over and generates; one that has already sent another leader's
 * text cannot splice a new generation onto it, and ends with an error.
 * The generation belongs to the flight, not to the first request: it stops only when every reader has left.
 */
export class PersonalizationFlights {
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly leases: FlightLeases,
    private readonly opts: FlightOptions,
  ) {}

  /** Flights under way in this process (tests and shutdown). */
  get size(): number {
    return this.flights.size;
  }

  /**
   * Joins the flight for `key`, starting it if none runs here. Resolves when text can start flowing; rejects with
   * the GenerationError of a Groq refusal before its stream began (so the route answers it as plain JSON).
   */
  async join(key: string, start: StartGeneration, store: StoreResult): Promise<FlightView> {
    let flight = this.flights.get(key);
    // One whose readers all left is winding down: a new reader starts afresh rather than join its end.
    if (!flight || flight.abandoned) {
      const created = new Flight(key, this.leases, this.opts, start, store, () => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      });
      this.flights.set(key, created);
      flight = created;
    }
    const view = flight.view();
    try {
      await flight.ready;
    } catch (err) {
      view.leave();
      throw err;
    }
    return view;
  }
}

class Flight {
  private text = '';
  private status: 'running' | 'done' | 'failed' = 'running';
  private error: GenerationError | undefined;
  private complete = false;
  private readers = 0;
  private readonly abort = new AbortController();
  private wake: () => void = () => {};
  private changed = new Promise<void>((r) => (this.wake = r));
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private refuse!: (err: unknown) => void;

  constructor(
    private readonly key: string,
    private readonly leases: FlightLeases,
    private readonly opts: FlightOptions,
    private readonly start: StartGeneration,
    private readonly store: StoreResult,
    private readonly ended: () => void,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.refuse = reject;
    });
    this.ready.catch(() => {}); // the joiners handle it
    void this.run();
  }

  get abandoned(): boolean {
    return this.abort.signal.aborted;
  }

  view(): FlightView {
    this.readers++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      // The last reader gone: stop generating (a waiting instance takes over if it still has readers).
      if (--this.readers === 0 && this.status === 'running') this.abort.abort();
    };
    const self = this;
    async function* pieces(): AsyncGenerator<string> {
      let sent = 0;
      for (;;) {
        const changed = self.changed;
        if (self.text.length > sent) {
          const fresh = self.text.slice(sent);
          sent = self.text.length;
          for (let i = 0; i < fresh.length; i += PIECE) yield fresh.slice(i, i + PIECE);
          continue;
        }
        if (self.status === 'done') return;
        if (self.status === 'failed') throw self.error ?? new GenerationError(502, 'Generation failed.');
        await changed;
      }
    }
    return { pieces: pieces(), finished: () => this.complete, leave };
  }

  private notify(): void {
    const wake = this.wake;
    this.changed = new Promise<void>((r) => (this.wake = r));
    wake();
  }

  private async run(): Promise<void> {
    try {
      const waitedSince = performance.now();
      for (;;) {
        if (this.abort.signal.aborted) return this.finish('failed', new GenerationError(502, 'Every reader left.'));
        if (await this.leases.claim(this.key)) return await this.lead();
        // Another instance leads: the readers here stream the text it publishes.
        this.markReady();
        const outcome = await this.awaitOther(waitedSince);
        if (outcome !== 'free') return;
      }
    } catch (err) {
      // A database error before anything was promised is the route's to answer (503 when unreachable).
      this.refuse(err);
      this.finish('failed', new GenerationError(502, 'Generation failed.'));
    }
  }

  /**
   * Streams another process's generation: its text so far, then the rest of the stored entry ('done'), or its
   * failure ('failed'); 'free' when its lease ended before this process sent anything (then this one may lead).
   */
  private async awaitOther(since: number): Promise<'done' | 'failed' | 'free'> {
    let followed: string | undefined;
    let chars = 0; // of `followed`'s text, counted by Postgres
    const fail = (message: string) => {
      this.finish('failed', new GenerationError(502, message));
      return 'failed' as const;
    };
    for (;;) {
      await sleep(this.opts.pollMs);
      if (this.abort.signal.aborted) return fail('Every reader left.');
      const state = await this.leases.state(this.key, chars);
      if (state.rest !== undefined) {
        this.append(state.rest);
        this.complete = true;
        this.finish('done');
        return 'done';
      }
      if (state.failure !== undefined) return fail(`The rewrite of this chapter failed: ${state.failure}`);
      if (chars > 0 && (state.owner !== followed || !state.leased)) return fail('The rewrite of this chapter was interrupted; try again.');
      if (!state.leased) return 'free';
      followed = state.owner;
      if (state.fresh) {
        this.append(state.fresh);
        chars = state.chars;
      }
      if (performance.now() - since > this.opts.maxWaitMs) return fail('The rewrite of this chapter is taking too long; try again.');
    }
  }

  private append(more: string): void {
    if (!more) return;
    this.text += more;
    this.notify();
  }

  private async lead(): Promise<void> {
    let stream: TextStream;
    try {
      stream = await this.start(this.abort.signal);
    } catch (err) {
      const g = err instanceof GenerationError ? err : new GenerationError(502, 'Generation failed.');
      await this.leases.fail(this.key, g.message).catch((e: unknown) => this.warn('flight_fail_write_failed', e));
      this.refuse(g);
      this.finish('failed', g);
      return;
    }
    this.markReady();
    // Renew the lease and publish the text so far, one write at a time so the pieces land in order: every pollMs
    // while another instance streams it (each write rewrites the whole text so far in Postgres), else about once a
    // second (a new waiter is seen at the next one). After a failed write it only renews: the write may have
    // landed or not, and sending the piece again could repeat text the waiters already have.
    const idleRenewMs = Math.min(IDLE_RENEW_MS, this.leases.leaseMs / 3);
    let published = 0;
    let lastRenew = performance.now();
    let writing = false;
    let unsure = false;
    let watched = false;
    const renew = setInterval(() => {
      const more = unsure ? '' : this.text.slice(published);
      if (writing || !((more && watched) || performance.now() - lastRenew >= idleRenewMs)) return;
      writing = true;
      this.leases
        .renew(this.key, more)
        .then((w) => {
          published += more.length;
          lastRenew = performance.now();
          watched = w;
        })
        .catch((e: unknown) => {
          unsure = true;
          this.warn('flight_renew_failed', e);
        })
        .finally(() => (writing = false));
    }, this.opts.pollMs);
    try {
      for await (const piece of stream.pieces) this.append(piece);
    } catch (err) {
      clearInterval(renew);
      const g = err instanceof GenerationError ? err : new GenerationError(502, 'Generation failed.');
      // Readers who left caused the abort: nothing failed for the others, who may take over.
      if (this.abort.signal.aborted) await this.leases.release(this.key).catch((e: unknown) => this.warn('flight_release_failed', e));
      else await this.leases.fail(this.key, g.message).catch((e: unknown) => this.warn('flight_fail_write_failed', e));
      this.finish('failed', g);
      return;
    }
    clearInterval(renew);
    this.complete = stream.finished();
    // Only a chapter the model finished is stored; a cut-off one would be served forever.
    if (this.complete) await this.store(this.text).catch((e: unknown) => this.warn('cache_write_failed', e));
    await this.leases.release(this.key).catch((e: unknown) => this.warn('flight_release_failed', e));
    this.finish('done');
  }

  private finish(status: 'done' | 'failed', error?: GenerationError): void {
    this.status = status;
    this.error = error;
    this.ended();
    this.notify();
  }

  private warn(event: string, err: unknown): void {
    this.opts.log({ level: 'warn', event, message: err instanceof Error ? err.message : String(err) });
  }
}

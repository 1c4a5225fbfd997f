import { randomUUID } from 'node:crypto';
import type { Sql } from './db/sql.js';

/**
 * What another instance's generation of a key has come to, seen from a reader who already has `from` characters
 * (counted by Postgres, so both sides agree whatever the text holds).
 */
export type FlightState = {
  /** The finished entry past `from`, once stored. */
  rest: string | undefined;
  /** The leader's text so far past `from`, and its length in all (Postgres characters). */
  fresh: string;
  chars: number;
  /** Who leads (undefined: nobody); a reader who has text from one leader cannot continue with another's. */
  owner: string | undefined;
  failure: string | undefined;
  leased: boolean;
};

const LEASE = "clock_timestamp() + $3::int * interval '1 millisecond'";

/**
 * Who generates a shared personalization, across every instance on one database: a row in
 * remote_personalization_flight leased to one process. The leader renews the lease while Groq streams and appends
 * the text so far, which waiting instances stream to their readers; a leader that dies stops renewing and the row
 * expires, so a waiter takes over (nothing stays stuck). A failed leader leaves its failure in the row, already
 * expired: the waiters of that run report it, and the next request may lead a fresh attempt at once. Times are
 * the database's clock, so instances with skewed clocks agree.
 */
export class FlightLeases {
  /** This process; leases it holds carry it, so it only renews or ends its own. */
  readonly owner = randomUUID();

  constructor(
    private readonly db: Sql,
    readonly leaseMs = 10_000,
  ) {}

  /**
   * True when this process now leads `key`: no finished entry exists and no live lease is held by anyone else
   * (none, expired, or failed). One statement, so two instances can never both win.
   */
  async claim(key: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO remote_personalization_flight AS f (cache_key, owner, lease_until, failure, progress)
       SELECT $1, $2, ${LEASE}, NULL, ''
       WHERE NOT EXISTS (SELECT 1 FROM remote_personalization WHERE cache_key = $1)
       ON CONFLICT (cache_key) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until, failure = NULL, progress = ''
         WHERE f.lease_until < clock_timestamp()
       RETURNING owner`,
      [key, this.owner, this.leaseMs],
    );
    return rows.length === 1;
  }

  /**
   * Extends the lease, appending `more` to the text so far (the pieces must be sent in order, one at a time).
   * True while another instance is streaming this text to its readers (it polled state() lately).
   */
  async renew(key: string, more = ''): Promise<boolean> {
    const { rows } = await this.db.query<{ watched: boolean | null }>(
      `UPDATE remote_personalization_flight SET lease_until = ${LEASE}, progress = progress || $4 WHERE cache_key = $1 AND owner = $2
       RETURNING watched_until > clock_timestamp() AS watched`,
      [key, this.owner, this.leaseMs, more],
    );
    return rows[0]?.watched === true;
  }

  /** The generation ended (finished, or abandoned by its readers): the next request may lead at once. */
  async release(key: string): Promise<void> {
    await this.db.query('DELETE FROM remote_personalization_flight WHERE cache_key = $1 AND owner = $2', [key, this.owner]);
  }

  /** The generation failed: waiters see why; the lease ends now, so a later request may try again. */
  async fail(key: string, message: string): Promise<void> {
    await this.db.query('UPDATE remote_personalization_flight SET failure = $3, lease_until = clock_timestamp() WHERE cache_key = $1 AND owner = $2', [key, this.owner, message]);
  }

  /**
   * One round trip: the finished entry if any, else the leader's progress, whether its lease is live, or why it
   * failed. It also tells the leader someone is watching, for the next two seconds (see renew).
   */
  async state(key: string, from: number): Promise<FlightState> {
    const { rows } = await this.db.query<{ rest: string | null; fresh: string | null; chars: number | null; owner: string | null; failure: string | null; leased: boolean | null }>(
      `WITH f AS (
         UPDATE remote_personalization_flight SET watched_until = clock_timestamp() + interval '2 seconds' WHERE cache_key = $1
         RETURNING progress, owner, failure, lease_until)
       SELECT (SELECT substr(body, $2 + 1) FROM remote_personalization WHERE cache_key = $1) AS rest,
              substr(f.progress, $2 + 1) AS fresh, char_length(f.progress) AS chars, f.owner, f.failure,
              f.lease_until > clock_timestamp() AS leased
       FROM (SELECT 1) AS one LEFT JOIN f ON true`,
      [key, from],
    );
    const row = rows[0];
    return {
      rest: row?.rest ?? undefined,
      fresh: row?.fresh ?? '',
      chars: Number(row?.chars ?? 0),
      owner: row?.owner ?? undefined,
      failure: row?.failure ?? undefined,
      leased: row?.leased === true,
    };
  }
}

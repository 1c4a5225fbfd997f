import type { Sql } from './db/sql.js';

/** Past this many remembered sessions, expired answers are dropped (and all of them if that is not enough). */
const MAX_REMEMBERED = 10_000;

/**
 * Whether the session a JWT was minted from (its `sid`) still exists and has not expired, so a sign-out ends
 * the JWTs it issued too, not only the session token. Answers are remembered for `cacheMs` per instance: a
 * revoked session stops working everywhere within that time, at one indexed lookup per session per interval.
 * Concurrent checks of one session share one query.
 */
export class SessionCheck {
  private readonly remembered = new Map<string, { active: Promise<boolean>; until: number }>();

  constructor(
    private readonly db: Sql,
    private readonly cacheMs: number,
  ) {}

  isActive(sessionId: string): Promise<boolean> {
    const now = Date.now();
    const known = this.remembered.get(sessionId);
    if (known && known.until > now) return known.active;
    const active = this.lookUp(sessionId);
    if (this.cacheMs > 0) {
      if (this.remembered.size >= MAX_REMEMBERED) this.forgetExpired(now);
      this.remembered.set(sessionId, { active, until: now + this.cacheMs });
      // A failed lookup (database down) is not an answer: the next request asks again.
      active.catch(() => this.remembered.delete(sessionId));
    }
    return active;
  }

  private async lookUp(sessionId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ active: boolean }>('SELECT "expiresAt" > now() AS active FROM "session" WHERE id = $1', [sessionId]);
    return rows[0]?.active === true;
  }

  private forgetExpired(now: number): void {
    for (const [id, entry] of this.remembered) if (entry.until <= now) this.remembered.delete(id);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
  }
}

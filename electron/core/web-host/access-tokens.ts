/**
 * Who may use the web host: the page that opened the printed launch address, and nobody else.
 *
 * Nothing here travels in a cookie: browsers send cookies for 127.0.0.1 to every port, so any other local server
 * would receive them. Instead:
 * - the printed address carries a launch token in its #fragment (never sent to a server, never in a log); the
 *   page exchanges it once for a session token, and the launch token is then dead;
 * - the page sends the session token in a custom header on every call (a cross-origin page cannot add one without
 *   a CORS preflight, which this server never grants); every exchange rotates it, so only the newest page works;
 * - EventSource cannot send headers, so the event stream is opened with a one-time ticket bought with the token;
 * - images cannot send headers either, so book assets live under a per-launch unguessable path segment that only
 *   API answers (which need the token) reveal.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

const TICKET_TTL_MS = 30_000;
const MAX_TICKETS = 32;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(given: string | undefined | null, secret: string | null): boolean {
  if (!given || !secret) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class AccessTokens {
  /** In the printed address; null once used. */
  private launch: string | null = newSecret();
  /** Held by the page that exchanged last; null before the first exchange. */
  private session: string | null = null;
  private readonly tickets = new Map<string, number>();
  /** Path segment of book asset URLs for this launch. */
  readonly assetKey = newSecret();

  launchToken(): string | null {
    return this.launch;
  }

  /**
   * Launch token (first page load) or the current session token (a reload) -> a new session token; the token
   * given is spent either way. Null when neither matches.
   */
  exchange(given: { launch?: string | undefined; session?: string | undefined }): string | null {
    if (sameSecret(given.launch, this.launch)) this.launch = null;
    else if (!sameSecret(given.session, this.session)) return null;
    this.session = newSecret();
    this.tickets.clear();
    return this.session;
  }

  sessionValid(given: string | undefined): boolean {
    return sameSecret(given, this.session);
  }

  /** A one-time ticket for the event stream; only with a valid session token. */
  issueTicket(): string {
    const now = Date.now();
    for (const [t, expires] of this.tickets) if (expires <= now) this.tickets.delete(t);
    // A page asks for one per (re)connect; a flood only displaces its own older tickets.
    if (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value as string);
    const ticket = newSecret();
    this.tickets.set(ticket, now + TICKET_TTL_MS);
    return ticket;
  }

  redeemTicket(given: string | null): boolean {
    if (!given) return false;
    for (const [ticket, expires] of this.tickets) {
      if (sameSecret(given, ticket)) {
        this.tickets.delete(ticket);
        return expires > Date.now();
      }
    }
    return false;
  }
}

/**
 * Request checks every web-host reply needs whoever asks: Host checks against DNS rebinding, Origin checks against
 * cross-site requests, and the response headers every reply gets. Who may call is access-tokens.ts' job.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { READER_CSP as CSP } from '../hosting/csp.js';

/** The names this server may be reached under; anything else is a rebinding attempt or a mistake. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return allowedHosts(port).includes(req.headers.host ?? '');
}

/** State-changing calls must come from our own page: browsers always send Origin on POST. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return typeof origin === 'string' && allowedHosts(port).some((h) => origin === `http://${h}`);
}

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

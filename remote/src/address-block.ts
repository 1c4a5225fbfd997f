import { isIP } from 'node:net';
import { unmapIPv4 } from './client-ip.js';

/**
 * The block of addresses one client controls, for anonymous rate limits: an IPv4 address itself, but for IPv6
 * its /64, since one subscriber is routinely given a whole /64 and could otherwise use a new address per request.
 * An IPv4-mapped IPv6 address counts as its IPv4 address. Anything else (no address known) is kept as is.
 */
export function addressBlock(ip: string): string {
  const plain = unmapIPv4(ip);
  if (isIP(plain) !== 6) return plain;
  const groups = ipv6Groups(plain.split('%')[0]!);
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** The 8 hextets of a valid IPv6 address, "::" expanded and an IPv4 tail ("::ffff:1.2.3.4") as two hextets. */
function ipv6Groups(ip: string): string[] {
  const split = (part: string) =>
    part
      .split(':')
      .filter(Boolean)
      .flatMap((g) => (g.includes('.') ? ipv4Hextets(g) : [g]));
  const [head = '', tail] = ip.split('::');
  const front = split(head);
  if (tail === undefined) return front;
  const back = split(tail);
  return [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
}

function ipv4Hextets(v4: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

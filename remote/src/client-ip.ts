import { BlockList, isIP } from 'node:net';

/**
 * Client address for rate limits and logs. X-Forwarded-For is believed only when the direct peer is one of the
 * configured trusted proxies; the chain is then walked right to left, skipping further trusted hops, so a client
 * cannot pick its own address by prepending entries.
 */
export function createClientIpResolver(trustedProxies: string[]): (peer: string | undefined, forwardedFor: string | undefined) => string {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0) throw new Error(`TRUSTED_PROXY: "${entry}" is not an IP address or CIDR`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(prefix), type);
  }
  const isTrusted = (ip: string) => {
    const plain = unmapIPv4(ip);
    const family = isIP(plain);
    return family !== 0 && trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };

  return (peer, forwardedFor) => {
    const direct = unmapIPv4(peer ?? 'unknown');
    if (trustedProxies.length === 0 || !forwardedFor || !isTrusted(direct)) return direct;
    const hops = forwardedFor
      .split(',')
      .map((h) => unmapIPv4(h.trim()))
      .filter((h) => isIP(h) !== 0);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? direct;
  };
}

/** "::ffff:127.0.0.1" (IPv4 on a dual-stack socket) -> "127.0.0.1", so one client has one key. */
export function unmapIPv4(ip: string): string {
  return ip.toLowerCase().startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

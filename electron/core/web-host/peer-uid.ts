/**
 * On Linux, the user id that owns the other end of a loopback TCP connection, from /proc/net/tcp{,6}: the client's
 * socket is the row whose local end is the connection's remote end and whose remote end is our local end. With it
 * the web host refuses connections from other local users outright (a shared lab machine has many), whatever
 * tokens they hold. Elsewhere there is no such table and the answer is "unknown".
 */
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { Socket } from 'node:net';

export type PeerCheck = 'same-user' | 'other-user' | 'unknown';

const TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];

/** "0100007F:1F90" -> { address: "127.0.0.1", port: 8080 }; IPv4-mapped IPv6 rows come back as IPv4. */
export function parseProcAddress(field: string, littleEndian = endianness() === 'LE'): { address: string; port: number } | null {
  const [hex, portHex] = field.split(':');
  if (!hex || !portHex || !/^[0-9A-F]+$/i.test(hex) || (hex.length !== 8 && hex.length !== 32)) return null;
  // The kernel prints each 32-bit word in host byte order.
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = [0, 2, 4, 6].map((i) => parseInt(hex.slice(w + i, w + i + 2), 16));
    bytes.push(...(littleEndian ? word.reverse() : word));
  }
  const port = parseInt(portHex, 16);
  const mapped = bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (bytes.length === 4 || mapped) return { address: bytes.slice(-4).join('.'), port };
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return { address: groups.join(':'), port };
}

function plainAddress(address: string | undefined): string {
  const a = (address ?? '').toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/** Full-form IPv6 ("0:0:0:0:0:0:0:1") from any spelling Node gives ("::1"), for comparison with the table's. */
function expandIPv6(address: string): string {
  if (address.includes('.') || !address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = address.includes('::') ? new Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16).toString(16)).join(':');
}

/** Table rows of client sockets connected to `serverPort`, keyed by both ends, to the owning uid. */
type PeerTable = Map<string, number>;

const rowKey = (client: string, clientPort: number, server: string, serverPort: number) =>
  `${expandIPv6(client)}|${clientPort}|${expandIPv6(server)}|${serverPort}`;

async function readPeerTable(serverPort: number): Promise<PeerTable | null> {
  const portSuffix = `:${serverPort.toString(16).toUpperCase().padStart(4, '0')}`;
  const table: PeerTable = new Map();
  let sawTable = false;
  for (const path of TABLES) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      continue;
    }
    sawTable = true;
    for (const line of text.split('\n')) {
      // Only rows whose remote end is our port can be a client of ours; skip the rest unparsed.
      if (!line.includes(portSuffix)) continue;
      const cols = line.trim().split(/\s+/);
      if (cols.length < 8 || !cols[2]!.endsWith(portSuffix)) continue;
      const local = parseProcAddress(cols[1]!);
      const remote = parseProcAddress(cols[2]!);
      if (local && remote) table.set(rowKey(local.address, local.port, remote.address, remote.port), Number(cols[7]));
    }
  }
  return sawTable ? table : null;
}

export interface PeerChecker {
  check(socket: Socket): Promise<PeerCheck>;
}

/**
 * One table read answers every connection accepted before it started, so a flood of connections costs a read at a
 * time, not one each (a row exists as soon as the client's handshake completes, before we accept).
 */
export function createPeerChecker(ourUid: number | undefined = process.getuid?.()): PeerChecker {
  const reads = new Map<number, { inFlight: Promise<PeerTable | null> | null; queued: Promise<PeerTable | null> | null }>();

  const freshTable = (serverPort: number): Promise<PeerTable | null> => {
    let state = reads.get(serverPort);
    if (!state) reads.set(serverPort, (state = { inFlight: null, queued: null }));
    const s = state;
    if (!s.inFlight) {
      s.inFlight = readPeerTable(serverPort).finally(() => {
        s.inFlight = null;
      });
      return s.inFlight;
    }
    // The read under way may have started before this connection existed: wait for the next one.
    const next = () => {
      s.queued = null;
      return freshTable(serverPort);
    };
    s.queued ??= s.inFlight.then(next, next);
    return s.queued;
  };

  return {
    async check(socket) {
      if (process.platform !== 'linux' || ourUid === undefined || !socket.localPort || !socket.remotePort) return 'unknown';
      const table = await freshTable(socket.localPort);
      if (!table) return 'unknown';
      const uid = table.get(rowKey(plainAddress(socket.remoteAddress), socket.remotePort, plainAddress(socket.localAddress), socket.localPort));
      // A connected loopback client always has a row; none means it is not one we can vouch for.
      return uid === ourUid ? 'same-user' : 'other-user';
    },
  };
}

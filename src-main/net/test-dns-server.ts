/** Test helper: a tiny UDP DNS server on 127.0.0.1 that answers A/AAAA/PTR, NXDOMAIN, SERVFAIL or nothing at all. */
import dgram from 'node:dgram';

/** How the server answers one name. */
export interface ZoneEntry {
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
  readonly ptr?: readonly string[];
  /** DNS response code: 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED. */
  readonly rcode?: number;
  /** Never answer (to test time-outs). */
  readonly silent?: boolean;
}

/** A running test DNS server. */
export interface TestDnsServer {
  /** "127.0.0.1:port", for Resolver.setServers. */
  readonly server: string;
  readonly queries: string[];
  close(): Promise<void>;
}

function readName(msg: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (at < msg.length) {
    const len = msg[at] ?? 0;
    if (len === 0) return { name: labels.join('.').toLowerCase(), end: at + 1 };
    labels.push(msg.subarray(at + 1, at + 1 + len).toString('latin1'));
    at += 1 + len;
  }
  throw new Error('truncated name');
}

function encodeName(name: string): Buffer {
  return Buffer.concat([
    ...name
      .split('.')
      .filter(Boolean)
      .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])),
    Buffer.from([0]),
  ]);
}

function ipv6Bytes(text: string): Buffer {
  const [head = '', tail = ''] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function answer(type: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt32BE(60, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

/** Starts the server with `zone` (names lower-case, without trailing dot); unknown names get NXDOMAIN. */
export function startTestDnsServer(zone: Record<string, ZoneEntry>): Promise<TestDnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    try {
      const { name, end } = readName(msg, 12);
      const qtype = msg.readUInt16BE(end);
      queries.push(`${name}/${qtype}`);
      const entry = zone[name];
      if (entry?.silent) return;
      const answers: Buffer[] = [];
      if (entry && !entry.rcode) {
        if (qtype === 1) for (const a of entry.a ?? []) answers.push(answer(1, Buffer.from(a.split('.').map(Number))));
        if (qtype === 28) for (const a of entry.aaaa ?? []) answers.push(answer(28, ipv6Bytes(a)));
        if (qtype === 12) for (const p of entry.ptr ?? []) answers.push(answer(12, encodeName(p)));
      }
      const rcode = entry ? (entry.rcode ?? 0) : 3;
      const header = Buffer.alloc(12);
      msg.copy(header, 0, 0, 2);
      header.writeUInt16BE(0x8180 | rcode, 2);
      header.writeUInt16BE(1, 4);
      header.writeUInt16BE(answers.length, 6);
      socket.send(Buffer.concat([header, msg.subarray(12, end + 4), ...answers]), rinfo.port, rinfo.address);
    } catch {
      // A malformed query gets no answer.
    }
  });
  return new Promise((resolve) => {
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      resolve({ server: `127.0.0.1:${port}`, queries, close: () => new Promise((r) => socket.close(() => r())) });
    });
  });
}

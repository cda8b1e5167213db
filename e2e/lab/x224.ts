import net from 'node:net';

/** requestedProtocols / selectedProtocol bits (MS-RDPBCGR 2.2.1.1.1). */
export const PROTOCOL = { RDP: 0x00, SSL: 0x01, HYBRID: 0x02, RDSTLS: 0x04, HYBRID_EX: 0x08, RDSAAD: 0x10 } as const;

/** What a Connection Confirm carried. */
export type ConfirmReply =
  { kind: 'response'; flags: number; selectedProtocol: number; raw: Buffer } | { kind: 'failure'; failureCode: number; raw: Buffer } | { kind: 'legacy'; raw: Buffer };

/** What a lab probe saw: a parsed confirm, or the way the server failed to give one. */
export type ProbeResult = ConfirmReply | { kind: 'closed'; raw: Buffer } | { kind: 'reset'; raw: Buffer } | { kind: 'timeout'; raw: Buffer } | { kind: 'not-x224'; raw: Buffer };

/** Builds a TPKT + X.224 Connection Request with RDP_NEG_REQ (MS-RDPBCGR 2.2.1.1), optionally with a mstshash cookie. */
export function buildConnectionRequest(requestedProtocols: number, cookie?: string): Buffer {
  const cookieBytes = cookie === undefined ? Buffer.alloc(0) : Buffer.from(`Cookie: mstshash=${cookie}\r\n`, 'latin1');
  const neg = Buffer.from([0x01, 0x00, 0x08, 0x00, 0, 0, 0, 0]);
  neg.writeUInt32LE(requestedProtocols >>> 0, 4);
  const x224 = Buffer.concat([Buffer.from([0, 0xe0, 0, 0, 0, 0, 0]), cookieBytes, neg]);
  x224[0] = x224.length - 1;
  const tpkt = Buffer.from([0x03, 0x00, 0, 0]);
  tpkt.writeUInt16BE(4 + x224.length, 2);
  return Buffer.concat([tpkt, x224]);
}

/** Builds a 19-byte Connection Confirm carrying RDP_NEG_RSP (type 2) or RDP_NEG_FAILURE (type 3). */
export function buildConnectionConfirm(reply: { kind: 'response'; selectedProtocol: number; flags?: number } | { kind: 'failure'; failureCode: number }): Buffer {
  const out = Buffer.from([0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00, 0, 0, 0x08, 0x00, 0, 0, 0, 0]);
  if (reply.kind === 'response') {
    out[11] = 0x02;
    out[12] = reply.flags ?? 0x01;
    out.writeUInt32LE(reply.selectedProtocol >>> 0, 15);
  } else {
    out[11] = 0x03;
    out.writeUInt32LE(reply.failureCode >>> 0, 15);
  }
  return out;
}

/** Parses a complete TPKT-framed Connection Confirm per docs/protocol.md#tpkt-and-x224-framing; undefined if it is not one. */
export function parseConnectionConfirm(buf: Buffer): ConfirmReply | undefined {
  if (buf.length < 11 || buf[0] !== 0x03 || buf[5] !== 0xd0) return undefined;
  if (buf.readUInt16BE(2) > buf.length) return undefined;
  if (buf.readUInt16BE(2) >= 19 && buf.length >= 19) {
    if (buf[11] === 0x02) return { kind: 'response', flags: buf[12]!, selectedProtocol: buf.readUInt32LE(15), raw: buf };
    if (buf[11] === 0x03) return { kind: 'failure', failureCode: buf.readUInt32LE(15), raw: buf };
  }
  return { kind: 'legacy', raw: buf };
}

/** Length of the first complete TPKT in buf, or 0 while it is incomplete. */
export function completeTpktLength(buf: Buffer): number {
  if (buf.length < 4) return 0;
  const len = buf.readUInt16BE(2);
  return len >= 4 && buf.length >= len ? len : 0;
}

/** Test helper: sends one Connection Request and reports the confirm, or how the server failed (closed, reset, timeout). */
export function probeX224(options: { host?: string; port: number; requestedProtocols: number; cookie?: string; timeoutMs?: number }): Promise<ProbeResult> {
  const { host = '127.0.0.1', port, requestedProtocols, cookie, timeoutMs = 3000 } = options;
  return new Promise((resolve) => {
    let raw = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', raw }), timeoutMs);
    socket.on('connect', () => socket.write(buildConnectionRequest(requestedProtocols, cookie)));
    socket.on('data', (chunk) => {
      raw = Buffer.concat([raw, chunk]);
      if (raw[0] !== 0x03) return finish({ kind: 'not-x224', raw });
      const len = completeTpktLength(raw);
      if (len > 0) finish(parseConnectionConfirm(raw.subarray(0, len)) ?? { kind: 'not-x224', raw });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ kind: err.code === 'ECONNRESET' ? 'reset' : 'closed', raw }));
    socket.on('close', () => finish({ kind: 'closed', raw }));
  });
}

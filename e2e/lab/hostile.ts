/** Hostile RDP peers: byte-level behaviours no real server shows, to try to break the diagnosis. */
import net from 'node:net';
import tls from 'node:tls';
import { validCert } from './certs';
import {
  alertRecord,
  avPair,
  giantCertificate,
  longChain,
  MALFORMED_CERTIFICATE,
  ntlmChallenge,
  rawServerFlight,
  TLS_ALERTS,
  tsRequestWith,
  type TlsAlertName,
} from './hostile-wire';
import { registerCleanup } from './processes';
import { readFirstRequest, requestedOf } from './standin-behaviours';
import { buildConnectionConfirm, PROTOCOL } from './x224';

export { TLS_ALERTS, type TlsAlertName } from './hostile-wire';

/** Options of a hostile server. */
export interface HostileOptions {
  /** TLS alert sent by 'tls-alert' (default handshake_failure). */
  readonly alert?: TlsAlertName;
  /** RDP_NEG_FAILURE code for 'neg-failure-unknown' (default 0x99). */
  readonly failureCode?: number;
}

/** A running hostile server. */
export interface Hostile {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly kind: HostileKind;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections still open now (a client that forgets a socket keeps this above 0). */
  readonly open: number;
  /** Bytes written to clients so far (the endless stream grows it). */
  readonly bytesSent: number;
  stop(): Promise<void>;
}

interface Ctx {
  readonly options: HostileOptions;
  /** Calls back with the client's first TPKT and its requestedProtocols (0 when it carried no RDP_NEG_REQ). */
  onRequest(socket: net.Socket, callback: (requested: number) => void): void;
  /** Counts and writes. */
  send(socket: net.Socket, bytes: Buffer | string, callback?: () => void): boolean;
}

type Behaviour = (socket: net.Socket, ctx: Ctx) => void;

const CONFIRM_SSL = buildConnectionConfirm({ kind: 'response', selectedProtocol: PROTOCOL.SSL });
const HYBRID_REQUIRED = buildConnectionConfirm({ kind: 'failure', failureCode: 5 });
const SSL_REQUIRED = buildConnectionConfirm({ kind: 'failure', failureCode: 1 });

let cert: { certPem: string; keyPem: string } | undefined;
let giant: { certPem: string; keyPem: string } | undefined;
let chain: { certPem: string; keyPem: string } | undefined;
const defaultCert = () => (cert ??= validCert('localhost'));

/** Confirms SSL when asked for it, otherwise SSL_REQUIRED_BY_SERVER; true when TLS follows. */
function confirmSsl(socket: net.Socket, ctx: Ctx, requested: number): boolean {
  const ssl = (requested & PROTOCOL.SSL) !== 0;
  ctx.send(socket, ssl ? CONFIRM_SSL : SSL_REQUIRED);
  if (!ssl) socket.end();
  return ssl;
}

/** After a confirm selecting SSL, a node:tls server with `pems` on the same socket. */
function serveTls(socket: net.Socket, pems: { certPem: string; keyPem: string }): tls.TLSSocket {
  const secureContext = tls.createSecureContext({ cert: pems.certPem, key: pems.keyPem, ciphers: 'DEFAULT@SECLEVEL=0' });
  const secure = new tls.TLSSocket(socket, { isServer: true, secureContext });
  secure.on('error', () => socket.destroy());
  return secure;
}

/** CC selecting HYBRID (or HYBRID_REQUIRED_BY_SERVER), TLS, then `token` as the NTLM reply to the first TSRequest. */
function credSsp(token: () => Buffer): Behaviour {
  return credSspRaw((secure) => secure.write(tsRequestWith(token())));
}

/** CC selecting HYBRID (or HYBRID_REQUIRED_BY_SERVER), TLS, then `answer` drives the TLS socket once the first TSRequest arrived. */
function credSspRaw(answer: (secure: tls.TLSSocket, raw: net.Socket) => void): Behaviour {
  return (socket, ctx) =>
    ctx.onRequest(socket, (requested) => {
      if ((requested & PROTOCOL.HYBRID) === 0) {
        ctx.send(socket, HYBRID_REQUIRED);
        socket.end();
        return;
      }
      ctx.send(socket, buildConnectionConfirm({ kind: 'response', selectedProtocol: PROTOCOL.HYBRID, flags: 0x03 }));
      const secure = serveTls(socket, defaultCert());
      secure.once('data', () => answer(secure, socket));
    });
}

/** Every hostile behaviour; the key is the kind. Each tolerates the client vanishing at any moment. */
export const HOSTILE_BEHAVIOURS = {
  /** Two bytes of a TPKT header, then a TCP reset. */
  'reset-mid-header': (socket, ctx) =>
    ctx.onRequest(socket, () => {
      ctx.send(socket, Buffer.from([0x03, 0x00]), () => setTimeout(() => !socket.destroyed && socket.resetAndDestroy(), 10));
    }),
  /** A TPKT header announcing 0 bytes, then silence. */
  'tpkt-zero': (socket, ctx) => ctx.onRequest(socket, () => ctx.send(socket, Buffer.from([0x03, 0x00, 0x00, 0x00]))),
  /** A TPKT header announcing 65535 bytes, then silence. */
  'tpkt-huge': (socket, ctx) => ctx.onRequest(socket, () => ctx.send(socket, Buffer.from([0x03, 0x00, 0xff, 0xff, 0x02, 0xd0]))),
  /** A valid Connection Confirm, one byte a second. */
  slowloris: (socket, ctx) =>
    ctx.onRequest(socket, () => {
      let at = 0;
      const timer = setInterval(() => {
        if (socket.destroyed || at >= CONFIRM_SSL.length) return clearInterval(timer);
        ctx.send(socket, CONFIRM_SSL.subarray(at, ++at));
      }, 1000);
      socket.once('close', () => clearInterval(timer));
    }),
  /** From the first byte on, an endless stream (a TPKT-looking header, then filler) as fast as the client takes it. */
  endless: (socket, ctx) => {
    const filler = Buffer.alloc(64 * 1024, 0x41);
    const pump = (): void => {
      while (!socket.destroyed && ctx.send(socket, filler));
    };
    socket.on('drain', pump);
    if (ctx.send(socket, Buffer.from([0x03, 0x00, 0x01, 0xff, 0xf0, 0xd0]))) pump();
  },
  /** A web server's answer, connection kept open. */
  'http-banner': (socket, ctx) =>
    ctx.onRequest(socket, () => ctx.send(socket, 'HTTP/1.1 200 OK\r\nServer: Apache/2.4.58\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello')),
  /** An SSH server's banner, sent before the client says anything. */
  'ssh-banner': (socket, ctx) => {
    ctx.send(socket, 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n');
    ctx.onRequest(socket, () => ctx.send(socket, 'Invalid SSH identification string.\r\n', () => socket.end()));
  },
  /** CC selecting SSL, then TLS with a ~60 KB certificate. */
  'giant-certificate': (socket, ctx) => ctx.onRequest(socket, (requested) => confirmSsl(socket, ctx, requested) && serveTls(socket, (giant ??= giantCertificate()))),
  /** CC selecting SSL, then a hand-written TLS 1.2 ServerHello + Certificate whose DER is broken. */
  'malformed-certificate': (socket, ctx) =>
    ctx.onRequest(socket, (requested) => {
      if (confirmSsl(socket, ctx, requested)) socket.once('data', () => ctx.send(socket, rawServerFlight([MALFORMED_CERTIFICATE])));
    }),
  /** CC selecting SSL, then the ClientHello is answered with a fatal alert (options.alert) and a close. */
  'tls-alert': (socket, ctx) =>
    ctx.onRequest(socket, (requested) => {
      const code = TLS_ALERTS[ctx.options.alert ?? 'handshake_failure'];
      if (confirmSsl(socket, ctx, requested)) socket.once('data', () => ctx.send(socket, alertRecord(code), () => socket.end()));
    }),
  /** CC selecting SSL, then TLS with a leaf and 99 intermediates. */
  'chain-100': (socket, ctx) => ctx.onRequest(socket, (requested) => confirmSsl(socket, ctx, requested) && serveTls(socket, (chain ??= longChain(100)))),
  /** CC selecting SSL, then nothing at all in TLS. */
  'tls-silence': (socket, ctx) => ctx.onRequest(socket, (requested) => void confirmSsl(socket, ctx, requested)),
  /** CC selecting SSL, then a reset as soon as the ClientHello arrives. */
  'tls-reset': (socket, ctx) =>
    ctx.onRequest(socket, (requested) => {
      if (confirmSsl(socket, ctx, requested)) socket.once('data', () => setTimeout(() => !socket.destroyed && socket.resetAndDestroy(), 10));
    }),
  /** CredSSP whose CHALLENGE points TargetName and TargetInfo far outside the message. */
  'credssp-bogus-offsets': credSsp(() =>
    ntlmChallenge({ targetName: { len: 0xffff, offset: 0xfffffff0 }, targetInfoField: { len: 0x1000, offset: 0x7fffffff }, targetInfo: avPair(0, Buffer.alloc(0)) }),
  ),
  /** CredSSP whose TargetInfo repeats one AV pair 500 times, never ends, and finishes with a pair longer than the buffer. */
  'credssp-av-loop': credSsp(() => {
    const pair = avPair(1, Buffer.from('LOOP', 'utf16le'));
    return ntlmChallenge({ targetInfo: Buffer.concat([...Array.from({ length: 500 }, () => pair), avPair(3, Buffer.alloc(2), 0xfff0)]) });
  }),
  /** CredSSP whose reply announces a 2 GiB TSRequest, then streams filler inside TLS until the client leaves. */
  'credssp-endless': credSspRaw((secure) => {
    const filler = Buffer.alloc(16 * 1024, 0x42);
    const pump = (): void => {
      while (!secure.destroyed && secure.write(filler));
    };
    secure.on('drain', pump);
    if (secure.write(Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]))) pump();
  }),
  /** CredSSP whose answer to the first TSRequest is plain bytes written under TLS, straight on the TCP socket. */
  'credssp-garbage-record': credSspRaw((_secure, raw) => raw.write(Buffer.from('\x17\x03\x03\x00\x10not a sealed record', 'latin1'))),
  /** A well-formed confirm selecting a protocol value nobody asked for (0x40). */
  'unasked-protocol': (socket, ctx) => ctx.onRequest(socket, () => ctx.send(socket, buildConnectionConfirm({ kind: 'response', selectedProtocol: 0x40 }))),
  /** RDP_NEG_FAILURE with a code the spec does not define. */
  'neg-failure-unknown': (socket, ctx) =>
    ctx.onRequest(socket, () => ctx.send(socket, buildConnectionConfirm({ kind: 'failure', failureCode: ctx.options.failureCode ?? 0x99 }), () => socket.end())),
  /** A valid CC selecting SSL with garbage glued straight after it (where the TLS ServerHello would go). */
  'garbage-after-cc': (socket, ctx) =>
    ctx.onRequest(socket, (requested) => {
      const ssl = (requested & PROTOCOL.SSL) !== 0;
      ctx.send(socket, Buffer.concat([ssl ? CONFIRM_SSL : SSL_REQUIRED, Buffer.from('\x00\x00garbage after the confirm\r\n', 'latin1')]));
    }),
} satisfies Record<string, Behaviour>;

/** Names of the hostile behaviours. */
export type HostileKind = keyof typeof HOSTILE_BEHAVIOURS;

/** Starts a hostile server on a free 127.0.0.1 port; stopAll() closes it too. */
export async function startHostile(kind: HostileKind, options: HostileOptions = {}): Promise<Hostile> {
  const behaviour: Behaviour | undefined = HOSTILE_BEHAVIOURS[kind];
  if (!behaviour) throw new TypeError(`startHostile: unknown kind ${String(kind)}`);
  // Certificates are built before listening: forge blocks the event loop, which would look like a slow server.
  if (kind === 'chain-100') chain ??= longChain(100);
  if (kind === 'giant-certificate') giant ??= giantCertificate();
  if (kind.startsWith('credssp') || kind === 'chain-100' || kind === 'giant-certificate') defaultCert();
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let bytesSent = 0;
  const ctx: Ctx = {
    options,
    onRequest: (socket, callback) => readFirstRequest(socket, 10_000, (request) => callback(requestedOf(request))),
    send: (socket, bytes, callback) => {
      if (socket.destroyed) return false;
      bytesSent += Buffer.byteLength(bytes);
      return socket.write(bytes, callback && (() => callback()));
    },
  };
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    try {
      behaviour(socket, ctx);
    } catch {
      socket.destroy();
    }
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>((resolve) => {
      unregister();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }));
  const unregister = registerCleanup(stop);
  return {
    host: '127.0.0.1',
    port,
    kind,
    get connections() {
      return connections;
    },
    get open() {
      return sockets.size;
    },
    get bytesSent() {
      return bytesSent;
    },
    stop,
  };
}

import type net from 'node:net';
import tls from 'node:tls';
import { buildConnectionConfirm, completeTpktLength, PROTOCOL } from './x224';

/** Options a stand-in behaviour may read. */
export interface StandInOptions {
  /** RDP_NEG_FAILURE failureCode for 'neg-failure' (default 3 = SSL_CERT_NOT_ON_SERVER). */
  code?: number;
  /** Certificate for the TLS behaviours (default: validCert('localhost')). */
  cert?: { certPem: string; keyPem: string };
  /** How long a behaviour waits for the client's request before giving up on the socket (default 10 s). */
  readTimeoutMs?: number;
}

/** What a behaviour gets besides the socket. */
export interface StandInContext {
  options: StandInOptions;
  cert: { certPem: string; keyPem: string };
  /** Calls back once with the client's first complete TPKT (or its first bytes if they are not TPKT). */
  onRequest(socket: net.Socket, callback: (request: Buffer) => void): void;
}

/** One hostile behaviour: drives a freshly accepted socket. */
export type StandInBehaviour = (socket: net.Socket, ctx: StandInContext) => void;

const HTTP_BODY = '<html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1></body></html>\n';

/**
 * Behaviours no real peer shows. To add one, add an entry here: its key becomes a StandInKind.
 * Every behaviour must tolerate the client vanishing at any moment (the server swallows socket errors).
 */
export const STAND_IN_BEHAVIOURS = {
  /** Accepts and reads, never answers. */
  hang: (socket) => {
    socket.on('data', () => undefined);
  },
  /** Closes (FIN) right after reading the X.224 Connection Request. */
  drop: (socket, ctx) => {
    ctx.onRequest(socket, () => socket.end());
  },
  /** Answers like a web server that got garbage. */
  http: (socket, ctx) => {
    ctx.onRequest(socket, () => {
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n' +
          `Content-Length: ${Buffer.byteLength(HTTP_BODY)}\r\nConnection: close\r\n\r\n${HTTP_BODY}`,
      );
    });
  },
  /** Proper X.224 Connection Confirm carrying RDP_NEG_FAILURE with options.code, then closes. */
  'neg-failure': (socket, ctx) => {
    ctx.onRequest(socket, () => socket.end(buildConnectionConfirm({ kind: 'failure', failureCode: ctx.options.code ?? 3 })));
  },
  /** Selects PROTOCOL_SSL, then runs a TLS server that speaks only TLS 1.0. */
  'tls10-only': (socket, ctx) => {
    ctx.onRequest(socket, () => {
      socket.write(buildConnectionConfirm({ kind: 'response', selectedProtocol: PROTOCOL.SSL }));
      const secureContext = tls.createSecureContext({
        cert: ctx.cert.certPem,
        key: ctx.cert.keyPem,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1',
        // OpenSSL 3 refuses TLS 1.0 at the default security level.
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      const secure = new tls.TLSSocket(socket, { isServer: true, secureContext });
      secure.on('error', () => socket.destroy());
      secure.on('data', () => undefined);
    });
  },
  /** Starts a TPKT header, then resets the connection (RST) in the middle of it. */
  reset: (socket, ctx) => {
    ctx.onRequest(socket, () => {
      // resetAndDestroy() straight from the write callback closes with FIN on node 20; a short pause makes it a RST.
      socket.write(Buffer.from([0x03, 0x00]), () => {
        setTimeout(() => {
          if (!socket.destroyed) socket.resetAndDestroy();
        }, 10);
      });
    });
  },
} satisfies Record<string, StandInBehaviour>;

/** Names of the available stand-in behaviours. */
export type StandInKind = keyof typeof STAND_IN_BEHAVIOURS;

/** Buffers a socket's input until one complete TPKT (or any non-TPKT bytes) arrived, then calls back once. */
export function readFirstRequest(socket: net.Socket, timeoutMs: number, callback: (request: Buffer) => void): void {
  let buf = Buffer.alloc(0);
  let done = false;
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  const onData = (chunk: Buffer) => {
    if (done) return;
    buf = Buffer.concat([buf, chunk]);
    const len = buf[0] === 0x03 ? completeTpktLength(buf) : buf.length;
    if (len === 0 && buf.length < 65_536) return;
    done = true;
    clearTimeout(timer);
    socket.off('data', onData);
    callback(buf);
  };
  socket.on('data', onData);
  socket.once('close', () => clearTimeout(timer));
}

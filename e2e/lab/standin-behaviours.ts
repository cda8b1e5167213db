import type net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { avPair, ntlmChallenge, tsRequestWith } from './hostile-wire';
import { buildConnectionConfirm, completeTpktLength, PROTOCOL } from './x224';

/** Options a stand-in behaviour may read. */
export interface StandInOptions {
  /** RDP_NEG_FAILURE failureCode for 'neg-failure' (default 3 = SSL_CERT_NOT_ON_SERVER). */
  code?: number;
  /** Certificate for the TLS behaviours (default: validCert('localhost')). */
  cert?: { certPem: string; keyPem: string };
  /** How long a behaviour waits for the client's request before giving up on the socket (default 10 s). */
  readTimeoutMs?: number;
  /** How long 'slow-steps' waits before each answer: the confirm, the TLS ServerHello, the CredSSP reply (default 900 ms). */
  stepDelayMs?: number;
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
        'HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n' + `Content-Length: ${Buffer.byteLength(HTTP_BODY)}\r\nConnection: close\r\n\r\n${HTTP_BODY}`,
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
  /**
   * Answers every step just inside the client's timeout: the confirm (HYBRID when asked, else SSL when asked, else
   * SSL_REQUIRED_BY_SERVER), the TLS ServerHello and the CredSSP reply each come `stepDelayMs` after the client spoke.
   */
  'slow-steps': (socket, ctx) => {
    const delay = ctx.options.stepDelayMs ?? 900;
    const later = (fn: () => void): void => {
      const timer = setTimeout(() => !socket.destroyed && fn(), delay);
      socket.once('close', () => clearTimeout(timer));
    };
    ctx.onRequest(socket, (request) => {
      // The raw socket keeps reading (so a client's close is seen at once); what arrives is held back from TLS.
      const held: Buffer[] = [];
      let tlsIn: Duplex | null = null;
      socket.on('data', (chunk: Buffer) => (tlsIn ? tlsIn.push(chunk) : held.push(chunk)));
      socket.on('end', () => tlsIn?.push(null));
      const requested = requestedOf(request);
      const selected = (requested & PROTOCOL.HYBRID) !== 0 ? PROTOCOL.HYBRID : (requested & PROTOCOL.SSL) !== 0 ? PROTOCOL.SSL : null;
      later(() => {
        if (selected === null) {
          socket.end(buildConnectionConfirm({ kind: 'failure', failureCode: 1 }));
          return;
        }
        socket.write(buildConnectionConfirm({ kind: 'response', selectedProtocol: selected }));
        later(() => {
          const duplex = new Duplex({
            read: () => undefined,
            write: (chunk: Buffer, _enc, done) => void socket.write(chunk, () => done()),
            final: (done) => void socket.end(done),
          });
          tlsIn = duplex;
          for (const chunk of held.splice(0)) duplex.push(chunk);
          const secureContext = tls.createSecureContext({ cert: ctx.cert.certPem, key: ctx.cert.keyPem });
          const secure = new tls.TLSSocket(duplex, { isServer: true, secureContext });
          secure.on('error', () => socket.destroy());
          secure.once('data', () =>
            later(() => secure.write(tsRequestWith(ntlmChallenge({ targetInfo: Buffer.concat([avPair(1, Buffer.from('SLOW', 'utf16le')), avPair(0, Buffer.alloc(0))]) })))),
          );
        });
      });
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

/** requestedProtocols of a Connection Request (its last 8 bytes are RDP_NEG_REQ), 0 without one. */
export function requestedOf(request: Buffer): number {
  const at = request.length - 8;
  return at >= 11 && request[at] === 0x01 ? request.readUInt32LE(at + 4) : 0;
}

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

import net from 'node:net';
import { X509Certificate } from 'node:crypto';
import { validCert } from './certs';
import { registerCleanup } from './processes';
import { readFirstRequest, STAND_IN_BEHAVIOURS, type StandInKind, type StandInOptions } from './standin-behaviours';

export { STAND_IN_BEHAVIOURS, type StandInBehaviour, type StandInContext, type StandInKind, type StandInOptions } from './standin-behaviours';

/** A running in-process stand-in server. */
export interface StandIn {
  host: '127.0.0.1';
  port: number;
  kind: StandInKind;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections still open now (a client that forgets a socket keeps this above 0). */
  readonly open: number;
  /** SHA-256 (tls fingerprint256 format) of the certificate TLS behaviours present. */
  sha256: string;
  stop(): Promise<void>;
}

let sharedCert: { certPem: string; keyPem: string } | undefined;
// One default certificate per process: signing with forge blocks the event loop, and stand-ins start by the dozen.
function defaultCert() {
  sharedCert ??= validCert('localhost');
  return sharedCert;
}

/** Starts a TCP server on a free 127.0.0.1 port that misbehaves as `kind`; stopAll() closes it too. */
export async function startStandIn(kind: StandInKind, options: StandInOptions = {}): Promise<StandIn> {
  const behaviour = STAND_IN_BEHAVIOURS[kind];
  if (!behaviour) throw new TypeError(`startStandIn: unknown kind ${String(kind)} (known: ${Object.keys(STAND_IN_BEHAVIOURS).join(', ')})`);
  const cert = options.cert ?? defaultCert();
  const readTimeoutMs = options.readTimeoutMs ?? 10_000;
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const ctx = {
    options,
    cert,
    onRequest: (socket: net.Socket, callback: (request: Buffer) => void) => readFirstRequest(socket, readTimeoutMs, callback),
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
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let stopped: Promise<void> | undefined;
  const stop = () =>
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
    sha256: new X509Certificate(cert.certPem).fingerprint256,
    stop,
  };
}

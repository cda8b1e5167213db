/** A local HTTPS stand-in for an RD Gateway: answers 401 Negotiate/NTLM like IIS, or misbehaves on purpose. */
import net from 'node:net';
import tls from 'node:tls';
import { makeCertificate, type LabCertificate } from './certs';

/** How the stand-in answers. */
export type GatewayStandinMode =
  /** 401 with WWW-Authenticate: Negotiate and NTLM (plus Basic when `basic`), Server: Microsoft-IIS/10.0. */
  | 'gateway'
  /** HTTP 200 with an HTML body, as a web page or proxy would. */
  | 'ok-garbage'
  /** Bytes that are not HTTP at all. */
  | 'not-http'
  /** 404, as IIS does when the RD Gateway role is missing. */
  | 'not-found'
  /** Completes TLS, reads the request, never answers. */
  | 'hang'
  /** Closes the connection right after TLS. */
  | 'drop';

/** Options of the stand-in. */
export interface GatewayStandinOptions {
  readonly mode?: GatewayStandinMode;
  /** Certificate to present; default: a self-signed one for `localhost` and 127.0.0.1. */
  readonly certificate?: LabCertificate;
  /** Also offer Basic (as when the gateway allows it). */
  readonly basic?: boolean;
  /** The Basic realm (default rdg.lab.test). */
  readonly realm?: string;
  /** More response header lines ("Name: value"), as load balancers and proxies add them. */
  readonly extraHeaders?: readonly string[];
  /** The loopback address to listen on (any of 127.0.0.0/8); default 127.0.0.1. */
  readonly host?: string;
}

/** One request head the stand-in received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

/** A running stand-in. */
export interface GatewayStandin {
  readonly port: number;
  readonly certificate: LabCertificate;
  readonly requests: ReceivedRequest[];
  stop(): Promise<void>;
}

function parseRequest(head: string): ReceivedRequest {
  const [first = '', ...rest] = head.split('\r\n');
  const [method = '', path = ''] = first.split(' ');
  const headers: Record<string, string> = {};
  for (const line of rest) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, path, headers };
}

function reply(mode: GatewayStandinMode, options: GatewayStandinOptions): string | null {
  switch (mode) {
    case 'gateway':
      return [
        'HTTP/1.1 401 Unauthorized',
        'Content-Type: text/plain',
        'Server: Microsoft-IIS/10.0',
        'WWW-Authenticate: Negotiate',
        'WWW-Authenticate: NTLM',
        ...(options.basic ? [`WWW-Authenticate: Basic realm="${options.realm ?? 'rdg.lab.test'}"`] : []),
        ...(options.extraHeaders ?? []),
        'X-Powered-By: ASP.NET',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    case 'ok-garbage':
      return 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n<html>welcome portal</html>';
    case 'not-http':
      return '\x00\x01\x02garbage-not-http\xff\xfe';
    case 'not-found':
      return 'HTTP/1.1 404 Not Found\r\nServer: Microsoft-IIS/7.5\r\nContent-Length: 0\r\n\r\n';
    default:
      return null;
  }
}

/** Starts the stand-in on 127.0.0.1 (or `host`) and a free port. */
export async function startGatewayStandin(options: GatewayStandinOptions = {}): Promise<GatewayStandin> {
  const mode = options.mode ?? 'gateway';
  const certificate = options.certificate ?? makeCertificate({ commonName: 'localhost', altNames: { dns: ['localhost'], ip: ['127.0.0.1'] } });
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: certificate.keyPem, cert: certificate.certPem }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (mode === 'drop') return void socket.destroy();
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0 || buffer.length > 64 * 1024) return;
      requests.push(parseRequest(buffer.slice(0, end)));
      buffer = '';
      const text = reply(mode, options);
      if (text !== null) socket.end(Buffer.from(text, 'latin1'));
    });
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    certificate,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

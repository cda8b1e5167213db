/** Browser mode: the same renderer and service over HTTP on 127.0.0.1 only, guarded by a random token. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PROGRESS_CHANNEL } from '../shared/channels';
import type { ApiErrorCode } from '../shared/dto';
import type { AppService } from '../service/app-service';
import { dispatch } from '../service/dispatch';

/** Content Security Policy of every page served (mirrors the renderer's meta tag). */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const MAX_BODY = 3_000_000;
/** HTTP statuses for error envelopes that are a limit or a lost task; every other envelope goes out as 200. */
const STATUS_OF_ERROR: Partial<Record<ApiErrorCode, number>> = { busy: 429, gone: 410 };
/** The most diagnoses browser mode runs at once: each holds sockets and CPU, and any tab of the page can start one. */
export const MAX_RUNNING_DIAGNOSES = 4;

/** A running browser-mode server. */
export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Options: the port (0 = any free one), the built renderer folder, the service. */
export interface WebServerOptions {
  readonly port: number;
  readonly staticDir: string;
  readonly service: AppService;
  readonly token?: string;
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** Answers with the API's error envelope (code bad-input) and an HTTP status. */
function badInput(res: ServerResponse, status: number, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code: 'bad-input', message } }), MIME['.json']);
}

/** The request body as text, or 'too-large' once it passes MAX_BODY (the rest is not read). */
async function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A percent-decoded path, or undefined when its escapes are malformed (a 400, not a server error). */
function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** Most open event streams at once: a page holds one, so this leaves room for several tabs, not for a flood. */
export const MAX_EVENT_STREAMS = 8;

/** Starts the server on 127.0.0.1; resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const clients = new Set<ServerResponse>();
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const off = options.service.onProgress((event) => {
    const frame = `event: progress\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of clients) client.write(frame);
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error.');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding and cross-site guards: only our own host names, only our own origin.
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 421, 'Wrong host.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) return send(res, 403, 'Cross-origin requests are refused.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed.');
      if (!sameSecret(url.searchParams.get('token'), token)) return send(res, 401, 'Missing or wrong token.');
      // Each stream is a socket and a write per progress event; past the cap a client waits for one to close.
      if (clients.size >= MAX_EVENT_STREAMS) return send(res, 429, `Too many open event streams (at most ${MAX_EVENT_STREAMS}); close a tab of RDP Doctor.`);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
      res.write(`: ${PROGRESS_CHANNEL}\n\n`);
      clients.add(res);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        clients.delete(res);
      });
      return;
    }
    if (url.pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed.');
      const auth = req.headers.authorization ?? '';
      if (!sameSecret(auth.startsWith('Bearer ') ? auth.slice(7) : null, token)) return send(res, 401, 'Missing or wrong token.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Send JSON.');
      const channel = decodePath(url.pathname.slice('/api/invoke/'.length));
      if (channel === undefined) return badInput(res, 400, 'The channel name in the path is not validly encoded.');
      const body = await readBody(req);
      if (body === 'too-large') {
        res.setHeader('Connection', 'close');
        return badInput(res, 413, `The request body is larger than ${MAX_BODY} bytes.`);
      }
      let args: unknown;
      try {
        args = JSON.parse(body || '{}');
      } catch {
        return badInput(res, 400, 'The request body is not valid JSON.');
      }
      const envelope = await dispatch(options.service.handlers, channel, args);
      // The envelope is the answer either way; the status lets a client or proxy see a limit (429) or a lost task (410).
      const status = envelope.ok ? 200 : (STATUS_OF_ERROR[envelope.error.code] ?? 200);
      return send(res, status, JSON.stringify(envelope), MIME['.json']);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
    const decoded = decodePath(url.pathname);
    if (decoded === undefined) return send(res, 400, 'Malformed path.');
    const rel = url.pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = normalize(join(options.staticDir, rel));
    if (!file.startsWith(normalize(options.staticDir) + sep)) return send(res, 404, 'Not found.');
    try {
      return send(res, 200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
    } catch {
      return send(res, 404, 'Not found.');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      off();
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}

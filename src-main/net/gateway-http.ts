/** The HTTP side of the RD Gateway probe (MS-TSGU 2.2.3.1.2, docs/protocol.md#rd-gateway): the one request we send and how to read the answer. Pure. */
import { randomUUID } from 'node:crypto';

/** Largest response head (status line + headers) we read. */
export const MAX_HEAD_BYTES = 16 * 1024;

/** A parsed status line and headers. */
export interface ResponseHead {
  readonly httpVersion: string;
  readonly statusCode: number;
  readonly statusText: string;
  /** Header names lower-case; repeated headers joined with ", " except WWW-Authenticate, kept apart. */
  readonly headers: Record<string, string>;
  readonly wwwAuthenticate: string[];
}

/** What the answer means for a gateway. */
export type GatewayAnswer =
  'auth-required' | 'websocket-accepted' | 'accepted-without-auth' | 'not-found' | 'forbidden' | 'gone' | 'server-error' | 'unexpected-status' | 'not-http';

/** The single unauthenticated RDG_OUT_DATA request (no credentials, no Upgrade). */
export function buildGatewayRequest(host: string, port: number, connectionId: string = randomUUID()): string {
  const hostHeader = host.includes(':') ? `[${host}]` : host;
  return [
    'RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1',
    `Host: ${hostHeader}${port === 443 ? '' : `:${port}`}`,
    'Accept: */*',
    'Cache-Control: no-cache',
    'Pragma: no-cache',
    'User-Agent: MS-RDGateway/1.0',
    `RDG-Connection-Id: {${connectionId.toUpperCase()}}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Index just past the blank line ending the head, or -1 while it is incomplete. */
export function headEnd(buffer: Buffer): number {
  const at = buffer.indexOf('\r\n\r\n');
  if (at >= 0) return at + 4;
  const lf = buffer.indexOf('\n\n');
  return lf >= 0 ? lf + 2 : -1;
}

/** Printable preview of bytes that are not HTTP, for evidence. */
export function preview(bytes: Buffer, max = 48): string {
  return bytes
    .subarray(0, max)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
}

/** Parses a response head; null when the first line is not an HTTP status line. */
export function parseResponseHead(head: Buffer): ResponseHead | null {
  const lines = head.toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!status) return null;
  const headers: Record<string, string> = {};
  const wwwAuthenticate: string[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase().slice(0, 100);
    const value = line
      .slice(colon + 1)
      .trim()
      .slice(0, 2000);
    if (name === 'www-authenticate') wwwAuthenticate.push(value);
    headers[name] = headers[name] !== undefined ? `${headers[name]}, ${value}` : value;
  }
  return { httpVersion: status[1] ?? '', statusCode: Number(status[2]), statusText: (status[3] ?? '').trim().slice(0, 200), headers, wwwAuthenticate };
}

const KNOWN_SCHEMES: Record<string, string> = {
  negotiate: 'Negotiate',
  ntlm: 'NTLM',
  basic: 'Basic',
  digest: 'Digest',
  bearer: 'Bearer',
  kerberos: 'Kerberos',
};

/**
 * The auth schemes offered, in order, without duplicates: the first token of every challenge in every
 * WWW-Authenticate header (a comma can separate challenges or parameters; parameters hold "="),
 * plus `RDG-Auth-Scheme` values such as PAA or SSPI_NTLM.
 */
export function parseAuthSchemes(head: ResponseHead): string[] {
  const found: string[] = [];
  const add = (raw: string): void => {
    const name = KNOWN_SCHEMES[raw.toLowerCase()] ?? raw;
    if (/^[A-Za-z0-9_.-]{1,40}$/.test(name) && !found.includes(name)) found.push(name);
  };
  for (const value of head.wwwAuthenticate) {
    for (const part of value.split(',')) {
      const token = part.trim().split(/\s+/)[0] ?? '';
      if (token && !token.includes('=') && !token.includes('"')) add(token);
    }
  }
  const rdg = head.headers['rdg-auth-scheme'];
  if (rdg) for (const part of rdg.split(',')) if (part.trim()) add(part.trim());
  return found;
}

/** What a status code means for an unauthenticated RDG_OUT_DATA (MS-TSGU 4.2.1, docs/protocol.md#rd-gateway). */
export function interpretStatus(head: ResponseHead | null, schemes: readonly string[]): GatewayAnswer {
  if (!head) return 'not-http';
  const code = head.statusCode;
  if (code === 401) return schemes.length > 0 ? 'auth-required' : 'unexpected-status';
  if (code === 101) return 'websocket-accepted';
  if (code === 200) return 'accepted-without-auth';
  if (code === 404) return 'not-found';
  if (code === 403) return 'forbidden';
  if (code === 410) return 'gone';
  if (code >= 500 && code <= 599) return 'server-error';
  return 'unexpected-status';
}

/** Plain words for each answer. */
export const ANSWER_TEXT: Record<GatewayAnswer, string> = {
  'auth-required': 'the gateway answered and asks to sign in, as a working RD Gateway does',
  'websocket-accepted': 'the gateway switched protocols without asking to sign in',
  'accepted-without-auth': 'the server accepted the gateway request without asking to sign in, which an RD Gateway never does (a proxy or web page answered?)',
  'not-found': 'the server has no RD Gateway at /remoteDesktopGateway/ (role missing or wrong address)',
  forbidden: 'the server refuses the gateway request (403)',
  gone: 'the server says the gateway endpoint is gone (410)',
  'server-error': 'the gateway server reported an internal error',
  'unexpected-status': 'the server answered with an unexpected status',
  'not-http': 'the server did not answer with HTTP',
};

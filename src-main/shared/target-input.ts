/**
 * Whatever people paste as "the computer", read the same way by the dashboard, the command line and --targets
 * files: `host`, `host:port`, `[v6]:port`, `rdp://host:port`, the Remote Desktop URI
 * `rdp://full%20address=s:host:port&…`, `mstsc /v:host:port /admin`, a .rdp line `full address:s:host:port`,
 * `\\host`. Anything impossible throws BadInputError with one line that names the real problem.
 * Pure (no Node): the renderer checks the field with it before a diagnosis starts.
 */
import { MAX_TARGET_LENGTH } from './limits';
import { BadInputError } from './errors';
import { isIPv4, isIPv6 } from './ip';

export { isIPv4, isIPv6 } from './ip';
import type { ParsedTarget } from './target';

/** The Remote Desktop default port. */
export const DEFAULT_RDP_PORT = 3389;

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;
const EXAMPLE = 'e.g. pc-042.corp.example or 10.0.0.5:3389';

/** Prints a value for an error message without letting control characters through. */
function shown(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 60)}…` : clean);
}

/** True for a syntactically valid DNS host name (labels of letters, digits, hyphen, underscore). */
export function isHostName(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

function portOf(text: string): number {
  if (!/^\d+$/.test(text)) throw new BadInputError(`${shown(text)} is not a port: a port is a number from 1 to 65535.`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new BadInputError(`Port ${text.replace(/^0+(?=\d)/, '').slice(0, 12)} is out of range: a port is a number from 1 to 65535.`);
  return port;
}

function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BadInputError('That Remote Desktop link is damaged (a bad %-escape); paste the computer name instead.');
  }
}

/** The `host[:port]` part inside what was pasted, or the text itself when it is not a wrapped form. */
function unwrap(text: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
    if (scheme === 'http' || scheme === 'https') {
      throw new BadInputError(`That is a web address, not a computer: type the computer's name, ${EXAMPLE}.`);
    }
    if (scheme !== 'rdp') throw new BadInputError(`A ${scheme}:// link is not a computer: type the computer's name, ${EXAMPLE}.`);
    const rest = text.slice('rdp://'.length);
    // Microsoft's Remote Desktop URI scheme: rdp://full%20address=s:host:port&other=i:1 (Learn: "Remote Desktop URI scheme").
    if (/^full(%20|\+|\s)address=/i.test(rest)) {
      const fields = rest.split('&').map((field) => decodeUri(field.replace(/\+/g, ' ')));
      const full = fields.find((field) => /^full address=s:/i.test(field));
      return (full ?? '').replace(/^full address=s:/i, '').trim();
    }
    return decodeUri(rest.replace(/[/?#].*$/, ''));
  }
  // mstsc /v:host[:port] with other switches around it (/admin, /f, a .rdp file name).
  const v = /(?:^|\s)[/-]v:("[^"]*"|\S+)/i.exec(text);
  if (v && (/^(?:\S*[\\/])?mstsc(?:\.exe)?\s/i.test(text) || /^[/-]v:/i.test(text))) return v[1]!.replace(/^"|"$/g, '');
  if (/^(?:\S*[\\/])?mstsc(?:\.exe)?(\s|$)/i.test(text)) throw new BadInputError("That mstsc command names no computer: it needs /v:<computer>, or type the computer's name.");
  // A line of a .rdp file.
  const line = /^full address:s:(.*)$/i.exec(text);
  if (line) return line[1]!.trim();
  // \\host or \\host\share: the computer of a network path.
  if (/^\\\\[^\\]/.test(text)) return text.slice(2).split('\\')[0]!;
  return text;
}

function hostPort(text: string, defaultPort: number): { host: string; port: number } {
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracket) {
    const host = bracket[1]!;
    if (!isIPv6(host)) throw new BadInputError(`${shown(host)} is not a valid IPv6 address.`);
    return { host, port: bracket[2] !== undefined ? portOf(bracket[2]) : defaultPort };
  }
  if (text.startsWith('[')) throw new BadInputError(`${shown(text)} is missing its closing "]": write an IPv6 address with a port as [fe80::1]:3389.`);
  if (isIPv6(text)) return { host: text, port: defaultPort };
  const colons = text.split(':').length - 1;
  if (colons > 1) throw new BadInputError(`${shown(text)} is not a valid IPv6 address; with a port, write it as [fe80::1]:3389.`);
  if (colons === 1) {
    const at = text.indexOf(':');
    return { host: text.slice(0, at), port: portOf(text.slice(at + 1)) };
  }
  return { host: text, port: defaultPort };
}

function checkHost(host: string, input: string): boolean {
  if (host === '') throw new BadInputError(`${shown(input)} names no computer: type a name or address, ${EXAMPLE}.`);
  if (isIPv6(host) || isIPv4(host)) return true;
  const labels = host.replace(/\.$/, '').split('.');
  // A name's last label is never all digits (no numeric top-level domain), so this was meant as an IPv4 address.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '') && labels.every((l) => /^\d*$/.test(l))) {
    throw new BadInputError(`${host.slice(0, 60)} is not a valid IP address: an IPv4 address is four numbers from 0 to 255, e.g. 10.0.0.5.`);
  }
  if (/^[^@\s]+@[A-Za-z0-9.-]+$/.test(host)) throw new BadInputError(`Type only the computer, without a user name: ${shown(host.slice(host.lastIndexOf('@') + 1))}.`);
  if (/[^A-Za-z0-9._\-\s/\\]/.test(host)) throw new BadInputError(`${shown(host)} is not a valid computer name or address: use letters, digits, hyphens and dots, ${EXAMPLE}.`);
  if (host.includes('/') || host.includes('\\')) throw new BadInputError(`${shown(input)} looks like a path, not a computer: type the computer's name, ${EXAMPLE}.`);
  if (/\s/.test(host)) throw new BadInputError(`A computer name cannot contain spaces (${shown(host)}).`);
  if (!isHostName(host)) throw new BadInputError(`${shown(host)} is not a valid computer name or address: use letters, digits, hyphens and dots, ${EXAMPLE}.`);
  return false;
}

/** Reads what was pasted as the remote computer; throws BadInputError with one line naming the problem. */
export function parseTarget(raw: string, defaultPort = DEFAULT_RDP_PORT): ParsedTarget {
  const input = raw
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  if (input.length === 0) throw new BadInputError(`No remote computer given: type a name or address, ${EXAMPLE}.`);
  if (input.length > MAX_TARGET_LENGTH) throw new BadInputError(`The remote computer name is too long (${input.length} characters).`);
  if (/[\u0000-\u001f\u007f]/.test(input)) throw new BadInputError('The remote computer must be one line without control characters.');
  if (input.startsWith('-') && !/^-v:/i.test(input)) throw new BadInputError(`${shown(input)} is not a computer name (it starts with "-").`);
  const { host, port } = hostPort(unwrap(input).trim(), defaultPort);
  const isAddress = checkHost(host, input);
  return { input, host: host.toLowerCase(), port, isAddress };
}

/** The computer as people write it back: `host`, `host:port` when the port is not 3389 (or `alwaysPort`), `[v6]:port`. */
export function targetLabel(target: { readonly host: string; readonly port: number }, alwaysPort = false): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return target.port === DEFAULT_RDP_PORT && !alwaysPort ? host : `${host}:${target.port}`;
}

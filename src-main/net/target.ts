/** Parses and validates a target (`host`, `host:port`, `[v6]:port`) before anything touches the network. */
import { isIP } from 'node:net';
import { BadInputError } from '../shared/errors';
import { MAX_TARGET_LENGTH } from '../shared/limits';
import type { ParsedTarget } from '../shared/target';

/** The Remote Desktop default port. */
export const DEFAULT_RDP_PORT = 3389;

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

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

function parsePort(text: string, input: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new BadInputError(`Invalid port in ${shown(input)}: use a number from 1 to 65535.`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new BadInputError(`Invalid port in ${shown(input)}: use a number from 1 to 65535.`);
  return port;
}

/** Parses `host`, `host:port`, `[ipv6]` or `[ipv6]:port`; throws BadInputError with one clear line. */
export function parseTarget(raw: string, defaultPort = DEFAULT_RDP_PORT): ParsedTarget {
  const input = raw.trim();
  if (input.length === 0) throw new BadInputError('No remote computer given: type a name or address, e.g. server01 or 10.0.0.5:3389.');
  if (input.length > MAX_TARGET_LENGTH) throw new BadInputError(`The remote computer name is too long (${input.length} characters).`);
  if (input.startsWith('-')) throw new BadInputError(`${shown(input)} is not a computer name (it starts with "-").`);
  let host: string;
  let port = defaultPort;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(input);
  if (bracket) {
    host = bracket[1] ?? '';
    if (bracket[2] !== undefined) port = parsePort(bracket[2], input);
    if (isIP(host) !== 6) throw new BadInputError(`${shown(input)} is not a valid IPv6 address.`);
  } else if (isIP(input) === 6) {
    host = input;
  } else {
    const colon = input.lastIndexOf(':');
    host = colon >= 0 ? input.slice(0, colon) : input;
    if (colon >= 0) port = parsePort(input.slice(colon + 1), input);
  }
  const isAddress = isIP(host) !== 0;
  if (!isAddress && !isHostName(host)) {
    throw new BadInputError(`${shown(input)} is not a valid computer name or address.`);
  }
  return { input, host: host.toLowerCase(), port, isAddress };
}

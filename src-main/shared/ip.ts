/**
 * IP address text, read exactly as Node's net.isIP reads it, without its cost: the first net.isIP call on text that is
 * not IPv4 compiles Node's IPv6 pattern, 10 ms or more of a command-line run spent before any answer. Pure (no Node).
 */

/** True for a dotted-quad IPv4 address (four numbers 0–255, no leading zeros, as Node's net.isIP reads them). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address (RFC 4291 text forms, an embedded IPv4 tail and a %zone allowed, as net.isIP reads them). */
export function isIPv6(text: string): boolean {
  const zoneAt = text.indexOf('%');
  if (zoneAt >= 0 && !/^%[A-Za-z0-9.:-]+$/.test(text.slice(zoneAt))) return false;
  let address = zoneAt >= 0 ? text.slice(0, zoneAt) : text;
  // An IPv4 tail (::ffff:10.0.0.5) stands for the last two groups.
  const tail = /^(.*:)([^:]*\.[^:]*)$/.exec(address);
  if (tail) {
    if (!isIPv4(tail[2]!)) return false;
    address = `${tail[1]!}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): number => (part === '' ? 0 : part.split(':').every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g)) ? part.split(':').length : -1);
  const counts = halves.map(groups);
  if (counts.some((n) => n < 0)) return false;
  const total = counts.reduce((a, b) => a + b, 0);
  return halves.length === 2 ? total <= 7 : total === 8;
}

/** 4, 6 or 0 (not an address), as net.isIP answers. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  return text.includes(':') && isIPv6(text) ? 6 : 0;
}

/**
 * True for an address of this computer's loopback interface (127.0.0.0/8, ::1, and 127.x as IPv4-mapped IPv6).
 * Traffic to it never leaves the computer: a slow or unanswered connect there is the computer's own load.
 */
export function isLoopbackAddress(text: string): boolean {
  const family = ipFamily(text);
  if (family === 4) return text.startsWith('127.');
  if (family !== 6) return false;
  const bare = text.toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!.startsWith('127.');
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...new Array<string>(tail === undefined ? 0 : 8 - left.length - right.length).fill('0'), ...right];
  return groups.length === 8 && groups.slice(0, 7).every((g) => /^0+$/.test(g)) && /^0*1$/.test(groups[7] ?? '');
}

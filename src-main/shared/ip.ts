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

/** Canonical text of an IP literal so `::1` and `0:0::1` compare equal; null for non-addresses. */
export function canonicalIp(text: string): string | null {
  const raw = text.trim().replace(/^\[|\]$/g, '');
  const family = ipFamily(raw);
  if (family === 4)
    return raw
      .split('.')
      .map((p) => String(Number(p)))
      .join('.');
  if (family !== 6) return null;
  // Expand to eight groups, then print without leading zeros (no "::" compression needed for equality).
  let text6 = raw.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text6);
  if (v4?.[1]) {
    const parts = v4[1].split('.').map(Number);
    const hi = (((parts[0] ?? 0) << 8) | (parts[1] ?? 0)).toString(16);
    const lo = (((parts[2] ?? 0) << 8) | (parts[3] ?? 0)).toString(16);
    text6 = text6.slice(0, -v4[1].length) + `${hi}:${lo}`;
  }
  const [head = '', tail] = text6.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16).toString(16)).join(':');
}

/**
 * True for an address of this computer's loopback interface (127.0.0.0/8, ::1, and 127.x as IPv4-mapped IPv6).
 * Traffic to it never leaves the computer: a slow or unanswered connect there is the computer's own load.
 */
export function isLoopbackAddress(text: string): boolean {
  if (ipFamily(text) === 0) return false;
  const canonical = canonicalIp(text.replace(/%.*$/, ''));
  if (canonical === null) return false;
  // 127.x.y.z mapped into IPv6 ends in the groups 7fxx:yyzz.
  return canonical.startsWith('127.') || canonical === '0:0:0:0:0:0:0:1' || /^0:0:0:0:0:ffff:7f[0-9a-f]{2}:[0-9a-f]+$/.test(canonical);
}

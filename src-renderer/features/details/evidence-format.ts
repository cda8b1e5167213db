/** Turning raw evidence values into words: keys to labels, scalars to text, dates to local time. */

/** True for a plain JSON object (not an array, not null). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Evidence keys whose generic wording would be wrong or cryptic ("Sha1", "Days left"). */
const KEY_LABELS: Readonly<Record<string, string>> = {
  sha1: 'SHA-1 thumbprint',
  sha256: 'SHA-256 thumbprint',
  thumbprint: 'Thumbprint',
  certHash: 'Certificate thumbprint',
  inUse: 'Thumbprint in use',
  wmiHash: 'Thumbprint set for Remote Desktop',
  registryHash: 'Thumbprint in the registry',
  daysLeft: 'Expiry',
  selfSigned: 'Self-signed',
  isSelfSigned: 'Self-signed',
  notAfter: 'Valid until',
  notBefore: 'Valid from',
  dnsNames: 'Names',
  ipAddresses: 'Addresses',
  usernameHint: 'User name',
  mru: 'Recently used computers',
  enableCredSsp: 'NLA (CredSSP) allowed',
  netbiosComputer: 'Computer name (NetBIOS)',
  dnsComputer: 'Computer name (DNS)',
};

/** An evidence key as a label: known keys in words ("SHA-1 thumbprint"), others split ("notAfter" → "Not after", "isExpired" → "Expired"). */
export function humanKey(key: string): string {
  const known = KEY_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/^is(?=[A-Z])/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A scalar as text: yes/no for booleans, local date-time for ISO dates (also inside text), "—" for nothing. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '—';
  if (typeof value === 'string') return ISO_DATE.test(value) ? formatDate(value) : readableText(value);
  return JSON.stringify(value);
}

/** The value of an evidence field as text; `daysLeft` reads "Expired 11 days ago" / "Expires in 30 days". */
export function fieldText(key: string, value: unknown): string {
  if (key === 'daysLeft' && typeof value === 'number' && Number.isFinite(value)) return daysLeftText(value);
  return scalarText(value);
}

/** Days until a certificate expires, as people say it. */
export function daysLeftText(daysLeft: number): string {
  const days = Math.round(daysLeft);
  const unit = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
  if (days < 0) return `Expired ${unit(-days)} ago`;
  if (days === 0) return 'Expires today';
  return `Expires in ${unit(days)}`;
}

const ISO_IN_TEXT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;
const DAY_IN_TEXT = /\b(\d{4})-(\d{2})-(\d{2})\b(?!T)/g;

/** Text from the service with its ISO timestamps and dates written for people ("Expired on Nov 21, 2026, 08:38 AM."). */
export function readableText(text: string): string {
  return text
    .replace(ISO_IN_TEXT, (iso) => formatDate(iso))
    .replace(DAY_IN_TEXT, (whole, y: string, m: string, d: string) => {
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return whole;
      return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    });
}

/** An ISO date as a readable local date and time; the input unchanged if it does not parse. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

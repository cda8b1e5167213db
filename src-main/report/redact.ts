/**
 * Redaction of a whole report for sharing: identifying values become consistent pseudonyms (host-1, ip-1, user-1),
 * and what cannot be pseudonymised is dropped — raw certificate bytes and other opaque data, the text the user typed,
 * free text a server chose (HTTP headers and reason phrases), the app log's lines that are not ours to judge.
 */
import { STATUS_CODES } from 'node:http';
import type { Report } from '../shared/schema';
import { BASE64_BLOB, isOpaqueData, PEM_BLOCK } from './redact-patterns';
import { Redactor, type RedactOptions } from './redactor';

export { Redactor, type RedactOptions } from './redactor';

/** HTTP response headers whose values are the server software or the sign-in schemes; every other value is dropped. */
const KEPT_HEADERS = new Set(['content-type', 'content-length', 'server', 'x-powered-by', 'www-authenticate', 'rdg-auth-scheme', 'connection', 'transfer-encoding']);
/** Keys of server-chosen free text with nothing a reader needs once redacted (the decoded verdict stays). */
const DROPPED_TEXT_KEYS = new Set(['rawPreview', 'body', 'bodyPreview']);

/** What replaces dropped values. */
export const REMOVED = '(removed)';

/** "Negotiate, NTLM TlRMTVNT…, Basic realm=\"x\"" → "Negotiate, NTLM, Basic": the schemes without their data. */
function authSchemesOnly(value: string): string {
  return value
    .split(/,\s*(?=[A-Za-z][\w-]*(?:\s|$|,))/)
    .map((part) => /^[A-Za-z][\w-]*/.exec(part.trim())?.[0] ?? '')
    .filter(Boolean)
    .join(', ');
}

/** Opaque data inside a string (base64 runs, PEM blocks) replaced by a note of its size. */
function dropOpaque(text: string): string {
  const withoutPem = text.replace(PEM_BLOCK, () => `${REMOVED} certificate`);
  return withoutPem.replace(BASE64_BLOB, (run) => (isOpaqueData(run) ? `(${run.length} characters of encoded data removed)` : run));
}

/** Drops what cannot be pseudonymised, before names are replaced: opaque data, header values, server free text. */
export function scrubStructure(node: unknown, key = ''): unknown {
  if (typeof node === 'string') return DROPPED_TEXT_KEYS.has(key) ? REMOVED : dropOpaque(node);
  if (Array.isArray(node)) {
    const items = node.map((item) => scrubStructure(item, key));
    // A certificate chain or similar list of blobs becomes one note, not a list of notes.
    const isBlob = (item: unknown): boolean => typeof item === 'string' && item.length >= 40 && /^[A-Za-z0-9+/=\s]+$/.test(item) && isOpaqueData(item);
    return items.length > 0 && node.every(isBlob) ? [`${REMOVED}: ${node.length} encoded item(s)`] : items;
  }
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'headers' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([name, value]) => {
          const lower = name.toLowerCase();
          if (!KEPT_HEADERS.has(lower) || typeof value !== 'string') return [name, REMOVED];
          return [name, lower === 'www-authenticate' ? authSchemesOnly(value) : dropOpaque(value)];
        }),
      );
    } else if (k === 'wwwAuthenticate' && Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? authSchemesOnly(x) : x));
    else if (k === 'statusText' && typeof v === 'string') out[k] = STATUS_CODES[Number(record['statusCode'])] ?? REMOVED;
    else out[k] = scrubStructure(v, k);
  }
  return out;
}

/** Builds the redactor for a report: the target first (so it becomes host-1), then everything the report holds. */
export function redactorFor(report: Report, options: RedactOptions): Redactor {
  const r = new Redactor(options);
  r.addHost(report.target.host);
  r.addHost(report.target.input);
  for (const a of report.target.addresses) r.addHost(a);
  r.collect(report);
  return r;
}

/** The dialog text the user typed, reduced to the codes read from it (the rest may name people and places). */
function errorCodesOnly(report: Report): Report['errorCodes'] {
  const codes = report.errorCodes;
  if (!codes) return null;
  const read = codes.codes.map((c) => c.hex).join(' ');
  return { ...codes, input: read ? `${read} (the text given is not included)` : '(the text given is not included)' };
}

/**
 * Where the Windows answers came from, without the paths: a recording's folder and a host evidence file's path name
 * folders of the person who saved them (and often the computer); the computer the evidence names stays, to be
 * pseudonymised like every host.
 */
function sourcesOnly(environment: Report['environment']): Report['environment'] {
  return {
    ...environment,
    replay: environment.replay === null ? null : REMOVED,
    ...(environment.hostEvidence ? { hostEvidence: { ...environment.hostEvidence, file: REMOVED } } : {}),
  };
}

/** Returns a copy of the report with identifying details replaced consistently and opaque data dropped. */
export function redactReport(report: Report, options: RedactOptions): Report {
  if (!options.users && !options.hosts) return report;
  // Names are collected from what is left after the scrub: dropped data need not be read, and is far from cheap to.
  const scrubbed = scrubStructure({ ...report, errorCodes: errorCodesOnly(report), environment: sourcesOnly(report.environment) }) as Report;
  const r = redactorFor(scrubbed, options);
  const redacted = r.redactDeep(scrubbed);
  return {
    ...redacted,
    schemaVersion: 1,
    tool: report.tool,
    target: { ...redacted.target, port: report.target.port },
    redacted: { users: options.users, hosts: options.hosts },
  };
}

/**
 * Replaces user names, host names and IP addresses everywhere in a report (keys and values, deeply),
 * consistently: the same value always becomes the same placeholder (host-1, ip-1, user-1).
 */
import { isIP } from 'node:net';
import type { Report } from '../shared/schema';

/** What to hide. IP addresses count as hosts. */
export interface RedactOptions {
  readonly users: boolean;
  readonly hosts: boolean;
}

const HOST_KEY = /host|server|computer|fqdn|dns|domain|netbios|gateway|machine|workstation|ptr|cname|address|target|^sans?$|subjectAltName|commonName|^cn$|subject|issuer/i;
const USER_KEY = /user|account|owner|principal|upn|samAccount|login|logon/i;
const WELL_KNOWN_PRINCIPAL = /^(NT AUTHORITY|BUILTIN|NT SERVICE|APPLICATION PACKAGE AUTHORITY|IIS APPPOOL|Window Manager|Font Driver Host)\\|^S-1-\d/i;
const NOT_HOST_KEY = /count|port|status|time|date|ms$|seconds|version|type|kind|source|family|code|id$|bits|length|^hex$/i;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
const IPV6_CANDIDATE = /(?<![0-9a-z:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%[0-9a-z]+)?(?![0-9a-z:])/gi;
const CN_VALUE = /\bCN=([^,/+]+)/gi;
const TERMSRV = /\bTERMSRV\/([A-Za-z0-9._[\]:-]+)/gi;
const URL_HOST = /\b(?:https?|rdp|wss?):\/\/(?:[^@/\s]+@)?(\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)/gi;
const PROFILE_PATH = /[\\/](?:Users|home|Documents and Settings)[\\/]([^\\/\s"'<>]+)/gi;
const GENERIC_WORDS = new Set([
  'administrator', 'admin', 'guest', 'user', 'users', 'system', 'none', 'null', 'true', 'false', 'unknown', 'n/a',
  'default', 'public', 'local', 'localhost', 'any', 'all', 'yes', 'no', 'network service', 'local service', 'rdp-doctor',
]);
const MAX_VALUES = 2000;

type Kind = 'host' | 'ip' | 'user';

/** Collects the secrets of one report and replaces them; one instance per report keeps numbering consistent. */
export class Redactor {
  private readonly placeholders = new Map<string, string>();
  private readonly counters: Record<Kind, number> = { host: 0, ip: 0, user: 0 };
  private pattern: RegExp | null = null;

  constructor(private readonly options: RedactOptions) {}

  /** Registers a value to hide under its kind's next placeholder (or an existing one, for aliases). */
  add(kind: Kind, raw: string, sameAs?: string): void {
    const value = raw.trim().replace(/^\[|\]$/g, '').replace(/\.$/, '');
    const key = value.toLowerCase();
    if (value.length < 2 || /^\d+$/.test(value) || GENERIC_WORDS.has(key) || this.placeholders.has(key)) return;
    if (kind === 'user' ? !this.options.users : !this.options.hosts) return;
    if (this.placeholders.size >= MAX_VALUES) return;
    const alias = sameAs ? this.placeholders.get(sameAs.toLowerCase()) : undefined;
    this.placeholders.set(key, alias ?? `${kind}-${++this.counters[kind]}`);
    this.pattern = null;
  }

  /** Registers a host name, its short name, or an address found in `text`. */
  addHost(text: string): void {
    const cleaned = text.trim().replace(/^\[|\]$/g, '');
    const hostPart = /^[^:\s]+:\d{1,5}$/.test(cleaned) ? cleaned.replace(/:\d+$/, '') : cleaned.replace(/^\[([^\]]+)\]:\d+$/, '$1');
    if (isIP(hostPart)) return this.add('ip', hostPart);
    if (!/^[A-Za-z0-9*][A-Za-z0-9.\-_*]*$/.test(hostPart)) return;
    this.add('host', hostPart);
    const label = hostPart.split('.')[0] ?? '';
    if (hostPart.includes('.') && label.length >= 3 && !/^\d+$/.test(label) && label !== '*') this.add('host', label, hostPart);
  }

  /** Registers a user name written as user, DOMAIN\user or user@domain. */
  addUser(text: string): void {
    const v = text.trim();
    if (WELL_KNOWN_PRINCIPAL.test(v)) return;
    const slash = /^([^\\\s]+)\\([^\\\s]+)$/.exec(v);
    const upn = /^([^@\s]+)@([A-Za-z0-9.-]+)$/.exec(v);
    if (slash) {
      this.addHost(slash[1]!);
      this.add('user', slash[2]!);
    } else if (upn) {
      this.add('user', upn[1]!);
      this.addHost(upn[2]!);
    } else if (!/\s{2,}|[<>{}]/.test(v) && v.length <= 104) this.add('user', v);
  }

  /** Finds addresses, certificate names, credential targets and profile paths inside free text. */
  scanText(text: string): void {
    for (const m of text.matchAll(IPV4)) if (isIP(m[0]) === 4) this.add('ip', m[0]);
    for (const m of text.matchAll(IPV6_CANDIDATE)) {
      const bare = m[0].split('%')[0]!;
      if (/[0-9a-f]/i.test(bare) && isIP(bare) === 6) this.add('ip', m[0]);
    }
    for (const m of text.matchAll(CN_VALUE)) this.addHost(m[1]!);
    for (const m of text.matchAll(TERMSRV)) this.addHost(m[1]!);
    for (const m of text.matchAll(URL_HOST)) this.addHost(m[1]!);
    for (const m of text.matchAll(PROFILE_PATH)) this.add('user', m[1]!);
  }

  /** Walks a value and registers what its keys say are hosts or users. */
  collect(node: unknown, key = ''): void {
    if (typeof node === 'string') {
      this.scanText(node);
      if (key && USER_KEY.test(key)) this.addUser(node);
      else if (key && HOST_KEY.test(key) && !NOT_HOST_KEY.test(key)) this.addHost(node);
      return;
    }
    if (Array.isArray(node)) return node.forEach((item) => this.collect(item, key));
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        this.scanText(k);
        this.collect(v, k);
      }
    }
  }

  /** Replaces every registered value in `text`. */
  redactText(text: string): string {
    if (this.placeholders.size === 0) return text;
    if (!this.pattern) {
      const alternatives = [...this.placeholders.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp);
      this.pattern = new RegExp(`(?<![A-Za-z0-9_\\-])(?:${alternatives.join('|')})(?![A-Za-z0-9_\\-])`, 'gi');
    }
    return text.replace(this.pattern, (m) => this.placeholders.get(m.toLowerCase()) ?? m);
  }

  /** A deep copy of `node` with every string (and key) redacted. */
  redactDeep<T>(node: T): T {
    if (typeof node === 'string') return this.redactText(node) as T;
    if (Array.isArray(node)) return node.map((n) => this.redactDeep(n)) as T;
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [this.redactText(k), this.redactDeep(v)])) as T;
    }
    return node;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the redactor for a report: the target first (so it becomes host-1), then everything the report holds. */
export function redactorFor(report: Report, options: RedactOptions): Redactor {
  const r = new Redactor(options);
  r.addHost(report.target.host);
  r.addHost(report.target.input);
  for (const a of report.target.addresses) r.addHost(a);
  if (report.environment.replay) r.scanText(report.environment.replay);
  r.collect(report);
  return r;
}

/** Returns a copy of the report with user names, host names and IP addresses replaced consistently. */
export function redactReport(report: Report, options: RedactOptions): Report {
  if (!options.users && !options.hosts) return report;
  const r = redactorFor(report, options);
  return { ...r.redactDeep(report), schemaVersion: 1, tool: report.tool, target: { ...r.redactDeep(report.target), port: report.target.port } };
}

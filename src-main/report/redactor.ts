/**
 * Collects the identifying values of one report and replaces them everywhere, consistently: the same value always
 * becomes the same pseudonym (host-1, ip-1, user-1, …), so a reader can still follow the story.
 */
import { ipFamily } from '../shared/ip';
import { CHECK_IDS, FINDING_IDS, FIX_IDS, SECTION_IDS } from '../shared/ids';
import {
  dnAttributeKind,
  DN_IN_TEXT,
  EXACT_CASE_KINDS,
  DN_KEY,
  DOMAIN_KEY,
  DOMAIN_NAME,
  DOMAIN_SID,
  DOMAIN_USER,
  EMAIL,
  FILE_ENDINGS,
  FILE_KEY,
  GENERIC_WORDS,
  HOST_KEY,
  IPV4,
  ORG_LISTS,
  IPV6_CANDIDATE,
  isNotHostKey,
  NOT_A_DOMAIN,
  NOT_A_HOST_START,
  parseDistinguishedName,
  PLACEHOLDER,
  PROFILE_PATH,
  RDP_FILE_NAME,
  TERMSRV,
  UNC_HOST,
  URL_HOST,
  USER_KEY,
  USER_KINDS,
  WELL_KNOWN_PRINCIPAL,
  type IdentifierKind,
} from './redact-patterns';

/** What to hide: user names (and e-mail addresses), and/or host names, addresses and the rest of the identifying details. */
export interface RedactOptions {
  readonly users: boolean;
  readonly hosts: boolean;
}

/** "Any address" (a listener on every interface) names no machine. */
const UNIDENTIFYING_IPS = new Set(['0.0.0.0', '::']);
const MAX_VALUES = 5000;
/** Our own dotted ids ("tls.certificate", "rdpfile.use-ip") read like domain names but identify nothing. */
const OWN_IDS: ReadonlySet<string> = new Set([...CHECK_IDS, ...FIX_IDS, ...FINDING_IDS, ...SECTION_IDS]);
/**
 * Keys written as a lower-case word or camelCase ("id", "server", "certificateHash") are property names of the report
 * or of a protocol, never a machine's name: they stay as they are even when a host's first label is the same word.
 */
const PROPERTY_NAME = /^[a-z]+(?:[A-Z][a-z]*)*$/;
/** Keys whose string values are our ids or enums: never rewritten, so the report still validates. */
const ID_KEYS = new Set(['id', 'section', 'checks', 'fixes', 'fixId', 'severity', 'status', 'kind']);

/** One report's identifying values and their pseudonyms; one instance per report keeps the numbering consistent. */
export class Redactor {
  private readonly placeholders = new Map<string, string>();
  /** Pseudonyms of the kinds matched in their own case (EXACT_CASE_KINDS), keyed by the value as written. */
  private readonly exactPlaceholders = new Map<string, string>();
  /** The kind each value was first seen as, hidden or not: a user "first.last" never becomes a host later. */
  private readonly seen = new Map<string, IdentifierKind>();
  private readonly counters = new Map<IdentifierKind, number>();
  private pattern: RegExp | null = null;
  private exactPattern: RegExp | null = null;

  constructor(private readonly options: RedactOptions) {}

  /** True when values of `kind` are to be hidden. */
  hides(kind: IdentifierKind): boolean {
    return USER_KINDS.has(kind) ? this.options.users : this.options.hosts;
  }

  /** Registers a value under its kind's next pseudonym (or the pseudonym of `sameAs`, for aliases); false when it is not of that kind. */
  add(kind: IdentifierKind, raw: string, sameAs?: string): boolean {
    const trimmed = raw.trim().replace(/^\[|\]$/g, '');
    const value = kind === 'ip' ? trimmed : trimmed.replace(/[.,;]+$/, '');
    const exact = EXACT_CASE_KINDS.has(kind);
    const key = exact ? value : value.toLowerCase();
    const known = this.seen.get(key);
    if (known) return known === kind;
    if (value.length < 2 || /^\d+$/.test(value) || GENERIC_WORDS.has(key.toLowerCase()) || OWN_IDS.has(key) || PLACEHOLDER.test(value)) return false;
    if ((kind === 'ip' && UNIDENTIFYING_IPS.has(key)) || this.seen.size >= MAX_VALUES) return false;
    this.seen.set(key, kind);
    if (!this.hides(kind)) return true;
    const alias = sameAs ? this.placeholders.get(sameAs.toLowerCase()) : undefined;
    const n = (this.counters.get(kind) ?? 0) + (alias ? 0 : 1);
    this.counters.set(kind, n);
    (exact ? this.exactPlaceholders : this.placeholders).set(key, alias ?? (kind === 'file' ? `file-${n}.rdp` : `${kind}-${n}`));
    this.pattern = null;
    this.exactPattern = null;
    return true;
  }

  /** Registers a host name (and its first label), or an address, written alone or with a port. */
  addHost(text: string, kind: 'host' | 'domain' = 'host'): void {
    const cleaned = text.trim().replace(/^\[|\]$/g, '');
    const hostPart = /^[^:\s]+:\d{1,5}$/.test(cleaned) ? cleaned.replace(/:\d+$/, '') : cleaned.replace(/^\[([^\]]+)\]:\d+$/, '$1');
    if (ipFamily(hostPart)) {
      this.add('ip', hostPart);
      return;
    }
    if (!/^[A-Za-z0-9*][A-Za-z0-9.\-_*]*$/.test(hostPart) || OWN_IDS.has(hostPart.toLowerCase())) return;
    // The short name of a host is the same host; a dotted value already known as something else (a user) is not.
    if (!this.add(kind, hostPart)) return;
    const label = hostPart.split('.')[0] ?? '';
    if (hostPart.includes('.') && label.length >= 2 && !/^\d+$/.test(label) && label !== '*') this.add(kind, label, hostPart);
  }

  /** Registers a user name written as user, DOMAIN\user or user@domain. */
  addUser(text: string): void {
    const v = text.trim();
    if (WELL_KNOWN_PRINCIPAL.test(v)) return;
    const slash = /^([^\\\s]+)\\([^\\\s]+)$/.exec(v);
    const upn = /^([^@\s]+)@([A-Za-z0-9.-]+)$/.exec(v);
    if (slash) {
      this.addHost(slash[1]!, 'domain');
      this.add('user', slash[2]!);
    } else if (upn) {
      this.add('email', v);
      this.add('user', upn[1]!);
      this.addHost(upn[2]!, 'domain');
    } else if (!/\s{2,}|[<>{}]/.test(v) && v.length <= 104) this.add('user', v);
  }

  /** Registers every attribute value of a distinguished name ("CN=srv, O=Contoso, E=it@contoso.example"). */
  addDistinguishedName(dn: string): void {
    for (const { attribute, value } of parseDistinguishedName(dn)) this.addAttribute(attribute, value);
  }

  private addAttribute(attribute: string, value: string): void {
    const kind = dnAttributeKind(attribute);
    if (kind === 'host') {
      if (/^[A-Za-z0-9*][A-Za-z0-9.\-_*]*$/.test(value) || ipFamily(value)) this.addHost(value);
      else this.add('name', value);
    } else if (kind === 'email') this.addUser(value);
    else if (kind === 'domain') this.addHost(value, 'domain');
    else if (kind) this.add(kind, value);
  }

  /** Finds identifying values inside free text: addresses, e-mail, certificate names, credential targets, paths, domain names. */
  scanText(text: string): void {
    if (text.length < 2) return;
    // Each pattern runs only where its marker character occurs: most strings are short words and numbers.
    const has = (marker: string): boolean => text.includes(marker);
    if (has('.')) for (const m of text.matchAll(IPV4)) if (ipFamily(m[0]) === 4) this.add('ip', m[0]);
    if (has(':')) {
      for (const m of text.matchAll(IPV6_CANDIDATE)) {
        const bare = m[0].split('%')[0]!;
        if (/[0-9a-f]/i.test(bare) && ipFamily(bare) === 6) this.add('ip', m[0]);
      }
    }
    if (has('@')) for (const m of text.matchAll(EMAIL)) this.addUser(m[0]);
    if (has('=')) for (const m of text.matchAll(DN_IN_TEXT)) this.addAttribute(m[1]!, m[2]!.trim().replace(/[.)]+$/, ''));
    if (has('/')) {
      for (const m of text.matchAll(TERMSRV)) this.addHost(m[1]!);
      for (const m of text.matchAll(URL_HOST)) this.addHost(m[1]!);
    }
    if (has('/') || has('\\')) for (const m of text.matchAll(PROFILE_PATH)) this.add('user', m[1]!);
    if (has('\\')) {
      for (const m of text.matchAll(UNC_HOST)) this.addHost(m[1]!);
      for (const m of text.matchAll(DOMAIN_USER)) {
        // "…\Terminal Server Client\Cache" is the end of a path, not CLIENT\Cache: a backslash earlier in the same item says so.
        const before =
          text
            .slice(0, m.index)
            .split(/[(,;"']/)
            .pop() ?? '';
        if (!NOT_A_DOMAIN.test(m[1]!) && !/NT $/i.test(before) && !before.includes('\\')) this.addUser(m[0]);
      }
    }
    if (has('S-1-5-21')) for (const m of text.matchAll(DOMAIN_SID)) this.add('sid', m[0]);
    if (/\.rdp/i.test(text)) for (const m of text.matchAll(RDP_FILE_NAME)) this.add('file', m[0]);
    if (has('.')) {
      for (const m of text.matchAll(DOMAIN_NAME)) {
        const tld = m[0].slice(m[0].lastIndexOf('.') + 1).toLowerCase();
        if (!FILE_ENDINGS.has(tld) && !NOT_A_HOST_START.test(m[0])) this.addHost(m[0]);
      }
    }
  }

  /** Walks a value and registers what its keys say is identifying, then what its free text shows. */
  collect(node: unknown): void {
    // Most specific first: a user "first.last" is no domain name, a computer named like its workgroup stays a host.
    walkStrings(node, '', (value, key) => {
      if (key && USER_KEY.test(key)) this.addUser(value);
    });
    walkStrings(node, '', (value, key, parent) => {
      // A VPN profile is named for the organisation it connects to ("Contoso VPN").
      if (key === 'name' && ORG_LISTS.test(parent)) this.add('org', value);
      else this.collectHostKey(value, key);
    });
    walkStrings(node, '', (value, key) => {
      if (key && DOMAIN_KEY.test(key) && !isNotHostKey(key)) this.addHost(value, 'domain');
    });
    walkStrings(node, '', (value) => this.scanText(value));
  }

  private collectHostKey(value: string, key: string): void {
    if (!key || USER_KEY.test(key) || DOMAIN_KEY.test(key)) return;
    if (DN_KEY.test(key)) this.addDistinguishedName(value);
    else if (HOST_KEY.test(key) && !isNotHostKey(key)) this.addHost(value);
    if (FILE_KEY.test(key) && /\.rdp$/i.test(value)) this.add('file', value.split(/[\\/]/).pop() ?? value);
  }

  /** Replaces every registered value in `text` (whole words only: "vm" stays inside "xvm"). */
  redactText(text: string): string {
    let out = text;
    if (this.placeholders.size > 0) {
      this.pattern ??= wholeWords(this.placeholders.keys(), 'gi');
      out = out.replace(this.pattern, (m) => this.placeholders.get(m.toLowerCase()) ?? m);
    }
    if (this.exactPlaceholders.size > 0) {
      this.exactPattern ??= wholeWords(this.exactPlaceholders.keys(), 'g');
      out = out.replace(this.exactPattern, (m) => this.exactPlaceholders.get(m) ?? m);
    }
    return out;
  }

  /** A deep copy of `node` with every string (and every key but property names) redacted. */
  redactDeep<T>(node: T, key = ''): T {
    const isIdValue = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
    if (ID_KEYS.has(key) && isIdValue(node)) return node;
    if (typeof node === 'string') return this.redactText(node) as T;
    if (Array.isArray(node)) return node.map((n) => this.redactDeep(n, key)) as T;
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [PROPERTY_NAME.test(k) ? k : this.redactText(k), this.redactDeep(v, k)])) as T;
    }
    return node;
  }

  /** The original values registered so far (for checking that none is left). */
  originals(): string[] {
    return [...this.placeholders.keys(), ...this.exactPlaceholders.keys()];
  }
}

/** One pattern matching any of `values` as a whole word, longest first ("vm" stays inside "xvm"). */
function wholeWords(values: Iterable<string>, flags: string): RegExp {
  const alternatives = [...values].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp);
  return new RegExp(`(?<![A-Za-z0-9])(?:${alternatives.join('|')})(?![A-Za-z0-9])`, flags);
}

/** Calls `visit` with every string in `node` (keys included, with an empty key), the key it sits under and that key's parent key. */
function walkStrings(node: unknown, key: string, visit: (value: string, key: string, parent: string) => void, parent = ''): void {
  if (typeof node === 'string') return visit(node, key, parent);
  if (Array.isArray(node)) return node.forEach((item) => walkStrings(item, key, visit, parent));
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      visit(k, '', key);
      walkStrings(v, k, visit, key);
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

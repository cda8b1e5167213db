/**
 * What counts as identifying in a report: which evidence keys hold names, and the shapes of names inside free
 * text (addresses, e-mail addresses, certificate names, DOMAIN\user, profile paths, UNC paths, domain names).
 */

/** The kinds of identifying value; each gets its own pseudonym series (host-1, user-1, …). */
export type IdentifierKind = 'host' | 'domain' | 'ip' | 'user' | 'email' | 'org' | 'place' | 'name' | 'sid' | 'file';

/**
 * Kinds matched in the case they were written: an organisation's or a place's name is made of ordinary words
 * ("Security", "Reading"), which the report's own sentences use in lower case. Host names and the rest are
 * case-insensitive, as DNS and Windows treat them.
 */
export const EXACT_CASE_KINDS: ReadonlySet<IdentifierKind> = new Set(['org', 'place', 'name']);

/** Kinds hidden by "user names"; every other kind is hidden by "host names and addresses". */
export const USER_KINDS: ReadonlySet<IdentifierKind> = new Set(['user', 'email', 'sid']);

/** Keys whose string values are user names (user, DOMAIN\user or user@domain). */
export const USER_KEY = /user|account|owner|principal|upn|samAccount|login|logon/i;
/** Keys whose string values are domain names (NTLM domains and target name, DNS trees, HTTP realms). */
export const DOMAIN_KEY = /domain|dnsTree|realm|forest|^targetName$/i;
/** Keys whose string values are host names or addresses. */
export const HOST_KEY =
  /host|server|computer|fqdn|dns|gateway|machine|workstation|ptr|cname|address|target|^sans?$|subjectAltName|commonName|^cn$|^names$|^otherNames$|^mru$|nextHop|requested/i;
/** Keys that look like host keys but hold counts, times, ports, kinds or flags. */
const NOT_HOST_WORD = /count|port|status|time|date|ms$|seconds|version|type|kind|source|family|code|id$|bits|length|^hex$|matches|hint$|auth/i;
/** True for keys that look like host keys but hold counts, times, ports, kinds or flags (isAddress). */
export function isNotHostKey(key: string): boolean {
  return NOT_HOST_WORD.test(key) || /^is[A-Z]/.test(key);
}

/** Lists whose items' `name` is an organisation's (VPN profiles). */
export const ORG_LISTS = /^vpnProfiles$/;

/** Keys whose string values are distinguished names (subject and issuer of a certificate). */
export const DN_KEY = /^(subject|issuer|chainSubjects|subjectName|issuerName)$/i;
/** Keys whose string values are file names or paths of the user's own files. */
export const FILE_KEY = /^(file|fileName|name|path)$/i;

/** Principals every Windows machine has: not identifying, and kept so ACLs stay readable. */
export const WELL_KNOWN_PRINCIPAL = /^(NT AUTHORITY|BUILTIN|NT SERVICE|APPLICATION PACKAGE AUTHORITY|IIS APPPOOL|Window Manager|Font Driver Host)\\|^S-1-\d/i;

/** Words that are never worth hiding and would wreck ordinary text if they were replaced. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'administrator',
  'admin',
  'guest',
  'user',
  'users',
  'system',
  'none',
  'null',
  'true',
  'false',
  'unknown',
  'n/a',
  'default',
  'public',
  'local',
  'localhost',
  'localdomain',
  'any',
  'all',
  'yes',
  'no',
  'network service',
  'local service',
  'rdp-doctor',
  'server',
  'client',
  'host',
  'remote',
  'computer',
  'gateway',
  'domain',
  'workgroup',
  'desktop',
  'windows',
  'default.rdp',
  'microsoft',
  'microsoft corporation',
  'wi-fi',
  'ethernet',
  'loopback',
  'asp.net',
  'present',
  'absent',
  'administrators',
  'administratoren',
  'everyone',
  'jeder',
  // A department every organisation has (OU=IT) names none, and "it" is a word of every sentence.
  'it',
  'hr',
]);

/** Our own placeholders: redacting twice must not number them again. */
export const PLACEHOLDER = /^(host|domain|ip|user|email|org|place|name|sid|file)-\d+(\.rdp)?$/i;

/** Distinguished-name attributes and the kind of value each holds; C (country) is not identifying and stays. */
const DN_ATTRIBUTES: Record<string, IdentifierKind | null> = {
  cn: 'host',
  o: 'org',
  ou: 'org',
  e: 'email',
  emailaddress: 'email',
  l: 'place',
  st: 'place',
  street: 'place',
  dc: 'domain',
  c: null,
  serialnumber: 'name',
  title: 'name',
  gn: 'name',
  givenname: 'name',
  sn: 'name',
  surname: 'name',
  uid: 'user',
  postalcode: 'place',
};

/** The kind of a distinguished-name attribute ("O" → org); unknown attributes and OIDs count as names. */
export function dnAttributeKind(attribute: string): IdentifierKind | null {
  const kind = DN_ATTRIBUTES[attribute.toLowerCase()];
  return kind === undefined ? 'name' : kind;
}

/** Splits "CN=host, O=Org, Inc., C=US" into attribute/value pairs (a comma starts a new pair only before "X="). */
export function parseDistinguishedName(dn: string): { attribute: string; value: string }[] {
  return dn
    .split(/\s*[,;+]\s*(?=[A-Za-z][A-Za-z0-9-]*=|\d+(?:\.\d+)+=)/)
    .map((part) => /^([A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)=(.*)$/s.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ attribute: m[1]!, value: m[2]!.trim().replace(/^"|"$/g, '') }));
}

/** IPv4 addresses in text (checked with isIP by the caller). */
export const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
/** IPv6 candidates in text (checked with isIP by the caller). */
export const IPV6_CANDIDATE = /(?<![0-9a-z:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%[0-9a-z]+)?(?![0-9a-z:])/gi;
/** E-mail addresses (and UPNs written like them). */
export const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** Certificate name attributes written in text: "CN=srv01", "O=Contoso Ltd", "E=admin@example.com". */
export const DN_IN_TEXT = /(?<![A-Za-z0-9])(CN|OU|O|E|L|ST|DC|STREET|SERIALNUMBER|emailAddress|UID)=([^,;/+\n]+)/g;
/** Credential targets: TERMSRV/host. */
export const TERMSRV = /\bTERMSRV\/([A-Za-z0-9._[\]:-]+)/gi;
/** URLs: their host part. */
export const URL_HOST = /\b(?:https?|rdp|wss?|ldaps?):\/\/(?:[^@/\s]+@)?(\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)/gi;
/** Profile folders: the user name after Users\ or /home/. */
export const PROFILE_PATH = /[\\/](?:Users|home|Documents and Settings)[\\/]([^\\/\s"'<>]+)/gi;
/** UNC paths: \\server\share. */
export const UNC_HOST = /(?<![\\\w])\\\\([A-Za-z0-9._-]+)\\/g;
/** DOMAIN\user in text; NetBIOS domains are at most 15 characters. A path (more backslashes) does not count. */
export const DOMAIN_USER = /(?<![\\\w.:%$-])([A-Za-z][A-Za-z0-9-]{0,14})\\([A-Za-z0-9][A-Za-z0-9._$-]{0,63})(?![\\\w$-])/g;
/** Prefixes before a backslash that are paths or well-known principals, not domains. */
export const NOT_A_DOMAIN =
  /^(HKLM|HKCU|HKU|HKCR|HKCC|HKEY_[A-Z_]+|BUILTIN|AUTHORITY|SERVICE|SOFTWARE|SYSTEM|SYSTEM32|WINDOWS|VORDEFINIERT|PROGRAMDATA|MICROSOFT|POLICIES|CONTROL|SERVICES|APPPOOL)$/i;
/** Domain-SIDs (machine and domain accounts); well-known SIDs are not identifying. */
export const DOMAIN_SID = /\bS-1-5-21(?:-\d+){3,4}\b/g;
/** .rdp file names in text. */
export const RDP_FILE_NAME = /(?<![\w.-])[\w.-]{1,120}\.rdp\b/gi;
/** Domain-like names in text: two labels or more ending in a letters-only top-level label. */
export const DOMAIN_NAME = /(?<![\w.@/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])/g;
/** Endings that make a dotted word a file name, not a host name. */
export const FILE_ENDINGS: ReadonlySet<string> = new Set([
  'exe',
  'dll',
  'sys',
  'rdp',
  'ps',
  'psm',
  'psd',
  'json',
  'html',
  'htm',
  'pdf',
  'log',
  'txt',
  'msc',
  'cpl',
  'xml',
  'reg',
  'cer',
  'crt',
  'pem',
  'pfx',
  'key',
  'ini',
  'cfg',
  'js',
  'cjs',
  'mjs',
  'ts',
  'tsx',
  'md',
  'png',
  'jpg',
  'svg',
  'evtx',
  'etl',
  'cab',
  'msi',
  'msu',
  'zip',
  'bat',
  'cmd',
  'vbs',
  'config',
  'cache',
  'bin',
  'dat',
  'tmp',
  'old',
  'bak',
  'csv',
  'mui',
  'lnk',
  'ocx',
  'tlb',
  'inf',
  'cat',
]);
/** First labels of dotted .NET and Windows identifiers that read like domains ("System.Net.Sockets"). */
export const NOT_A_HOST_START = /^(system|microsoft|windows|mstsc|mscorlib|rdp-doctor|node|e|i)\./i;

/** Long base64 (certificates, NTLM messages, signatures): opaque bytes that may decode to names. */
export const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g;
/** PEM blocks. */
export const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;

/** True when a base64-looking run is data rather than a word or a path: random bytes mix both cases and digits. */
export function isOpaqueData(run: string): boolean {
  if (/^[0-9A-Fa-f]+$/.test(run)) return run.length > 64; // thumbprints (40/64 hex) and serial numbers stay
  // About one base64 character in 64 is a slash; a path has one every few characters.
  const slashes = run.split('/').length - 1;
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run) && slashes <= run.length / 16;
}

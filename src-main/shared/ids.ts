/** Stable ids of the product contract (docs/contract.md) as const tuples and string-literal unions; never rename a shipped id. */

/** The 11 checklist sections, in the order a technician walks through them (docs/contract.md#checklist-sections). */
export const SECTION_IDS = ['dns', 'settings', 'certificates', 'auth', 'credentials', 'services', 'network', 'events', 'client', 'alternatives', 'updates'] as const;
/** A checklist section id. */
export type SectionId = (typeof SECTION_IDS)[number];

/** Wire-level checks that run on every platform (docs/contract.md#checks). */
export const NETWORK_CHECK_IDS = [
  'dns.resolve',
  'dns.reverse',
  'net.tcp',
  'rdp.negotiation',
  'tls.handshake',
  'tls.certificate',
  'credssp.ntlm-info',
  'gateway.probe',
  'alt.ip-vs-name',
] as const;

/** Checks of the local Windows client (docs/contract.md#checks). */
export const CLIENT_CHECK_IDS = [
  'client.versions',
  'client.saved-credentials',
  'client.rdp-files',
  'client.policy',
  'client.events',
  'client.cache',
  'client.vpn',
  'client.security-software',
  'client.updates',
] as const;

/** Checks of the Windows host when the app runs on it (docs/contract.md#checks). */
export const SERVER_CHECK_IDS = [
  'server.rdp-enabled',
  'server.listener',
  'server.security-layer',
  'server.certificate',
  'server.machinekeys',
  'server.firewall',
  'server.tls-protocols',
  'server.events',
  'server.capacity',
] as const;

/** Every check id, network first. */
export const CHECK_IDS = [...NETWORK_CHECK_IDS, ...CLIENT_CHECK_IDS, ...SERVER_CHECK_IDS] as const;
/** A check id. */
export type CheckId = (typeof CHECK_IDS)[number];

/** Finding ids: the causes the diagnosis can name (docs/contract.md#findings). */
export const FINDING_IDS = [
  'dns-unresolvable',
  'dns-stale-record',
  'port-refused',
  'port-unreachable',
  'not-rdp-service',
  'negotiation-timeout',
  'connection-dropped-during-negotiation',
  'server-no-certificate',
  'server-rdp-security-only',
  'nla-required-client-disabled',
  'tls-required-client-rdp-only',
  'tls-version-mismatch',
  'tls-handshake-failed',
  'certificate-expired',
  'certificate-not-yet-valid',
  'certificate-name-mismatch',
  'certificate-self-signed',
  'certificate-changed',
  'certificate-weak',
  'clock-skew',
  'gateway-unreachable',
  'gateway-certificate-untrusted',
  'gateway-bad-response',
  'high-latency',
  'packet-loss',
  'saved-credentials-stale',
  'rdp-file-invalid',
  'credssp-oracle-mismatch',
  'client-udp-unstable',
  'vpn-active',
  'security-software-interference',
  'pending-reboot',
  'server-rdp-disabled',
  'server-termservice-stopped',
  'server-port-not-listening',
  'server-port-mismatch',
  'server-certificate-expired',
  'server-certificate-key-inaccessible',
  'server-certificate-hash-dangling',
  'server-firewall-blocked',
  'server-tls-disabled',
  'server-out-of-resources',
  // Added after the first release: new ids go last, so support codes read out earlier still decode.
  'negotiation-refused',
  'logon-failed',
  'certificate-unreadable',
  'server-edition-cannot-host',
] as const;
/** A finding id. */
export type FindingId = (typeof FINDING_IDS)[number];

/** Fix ids (docs/contract.md#fixes): client fixes, then host fixes. */
export const FIX_IDS = [
  'rdpfile.generate-clean',
  'rdpfile.use-ip',
  'credentials.clear',
  'cache.clear',
  'dns.flush',
  'client.disable-udp',
  'client.credssp-oracle',
  'server.restart-termservice',
  'server.renew-certificate',
  'server.repair-key-permissions',
  'server.reset-machinekeys-acl',
  'server.disable-nla',
  'server.enable-nla',
  'server.set-security-layer',
  'server.enable-firewall-rule',
  'server.enable-rdp',
  'server.enable-tls12',
] as const;
/** A fix id. */
export type FixId = (typeof FIX_IDS)[number];

/** Outcome of one check (docs/contract.md#checks). */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'] as const;
/** A check's final status. */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Live state of a check row while a diagnosis runs. */
export type CheckState = 'queued' | 'running' | CheckStatus;

/** Finding severities; high and critical mean "this alone can break the connection". */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
/** A finding severity. */
export type Severity = (typeof SEVERITIES)[number];

/** Type guard: is `value` one of the ids in `list`. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** The kinds of a decoded error number. Append only: the support code carries a kind by its position here. */
export const DECODED_CODE_KINDS = ['disconnect-reason', 'extended-reason', 'error-info', 'freerdp-error', 'event-reason', 'negotiation-failure'] as const;
/** A kind of decoded error number. */
export type DecodedCodeKind = (typeof DECODED_CODE_KINDS)[number];

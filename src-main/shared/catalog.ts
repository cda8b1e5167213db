/** Human titles and static metadata for every id in ids.ts, checked complete with `satisfies`. */
import type { CheckId, FindingId, FixId, SectionId, Severity } from './ids';

/** Section titles exactly as docs/contract.md#checklist-sections shows them. */
export const SECTION_TITLES = {
  dns: 'Check DNS',
  settings: 'Connection settings',
  certificates: 'Certificates',
  auth: 'Authentication method',
  credentials: 'Credentials and domain',
  services: 'Remote Desktop services',
  network: 'Firewall and network',
  events: 'Event logs',
  client: 'Client and diagnostics',
  alternatives: 'Alternative access',
  updates: 'Updates',
} as const satisfies Record<SectionId, string>;

/** Where a check gets its evidence. */
export type CheckScope = 'network' | 'client' | 'server';

/** Static description of a check: its title, checklist section and scope. */
export interface CheckMeta {
  readonly title: string;
  readonly section: SectionId;
  readonly scope: CheckScope;
}

/** Metadata of every check id. */
export const CHECK_META = {
  'dns.resolve': { title: 'Name resolves to an address', section: 'dns', scope: 'network' },
  'dns.reverse': { title: 'Reverse lookup matches the name', section: 'dns', scope: 'network' },
  'net.tcp': { title: 'Port is reachable', section: 'network', scope: 'network' },
  'rdp.negotiation': { title: 'RDP security negotiation', section: 'auth', scope: 'network' },
  'tls.handshake': { title: 'TLS handshake and versions', section: 'auth', scope: 'network' },
  'tls.certificate': { title: 'Server certificate', section: 'certificates', scope: 'network' },
  'credssp.ntlm-info': { title: 'Server identity (NTLM)', section: 'credentials', scope: 'network' },
  'gateway.probe': { title: 'Remote Desktop Gateway', section: 'alternatives', scope: 'network' },
  'alt.ip-vs-name': { title: 'IP address instead of name', section: 'alternatives', scope: 'network' },
  'client.versions': { title: 'Windows and client versions', section: 'client', scope: 'client' },
  'client.saved-credentials': { title: 'Saved credentials', section: 'credentials', scope: 'client' },
  'client.rdp-files': { title: 'Saved connection files', section: 'settings', scope: 'client' },
  'client.policy': { title: 'Client policies', section: 'auth', scope: 'client' },
  'client.events': { title: 'Client event log', section: 'events', scope: 'client' },
  'client.cache': { title: 'Client cache', section: 'client', scope: 'client' },
  'client.vpn': { title: 'VPN and route', section: 'network', scope: 'client' },
  'client.security-software': { title: 'Security software', section: 'network', scope: 'client' },
  'client.updates': { title: 'Pending updates and reboot', section: 'updates', scope: 'client' },
  'server.rdp-enabled': { title: 'Remote Desktop enabled', section: 'services', scope: 'server' },
  'server.listener': { title: 'Service and listener', section: 'services', scope: 'server' },
  'server.security-layer': { title: 'Host security layer and NLA', section: 'auth', scope: 'server' },
  'server.certificate': { title: 'Host RDP certificate', section: 'certificates', scope: 'server' },
  'server.machinekeys': { title: 'Private key permissions', section: 'certificates', scope: 'server' },
  'server.firewall': { title: 'Host firewall rules', section: 'network', scope: 'server' },
  'server.tls-protocols': { title: 'Host TLS protocols', section: 'auth', scope: 'server' },
  'server.events': { title: 'Host event log', section: 'events', scope: 'server' },
  'server.capacity': { title: 'Host capacity', section: 'services', scope: 'server' },
} as const satisfies Record<CheckId, CheckMeta>;

/** Static description of a finding: its title, default severity and checklist section. */
export interface FindingMeta {
  readonly title: string;
  readonly severity: Severity;
  readonly section: SectionId;
}

/** Metadata of every finding id. */
export const FINDING_META = {
  'dns-unresolvable': { title: 'The computer name does not resolve', severity: 'critical', section: 'dns' },
  'dns-stale-record': { title: 'The name points to a different computer', severity: 'high', section: 'dns' },
  'port-refused': { title: 'Nothing is listening on the Remote Desktop port', severity: 'critical', section: 'network' },
  'port-unreachable': { title: 'The computer does not answer on the port', severity: 'critical', section: 'network' },
  'not-rdp-service': { title: 'Something else answers on the port', severity: 'critical', section: 'network' },
  'negotiation-timeout': { title: 'The server never answers the Remote Desktop handshake', severity: 'critical', section: 'services' },
  'connection-dropped-during-negotiation': { title: 'The server closed the connection during the handshake', severity: 'high', section: 'auth' },
  'server-no-certificate': { title: 'The server has no usable certificate', severity: 'critical', section: 'certificates' },
  'negotiation-refused': { title: 'The server refuses every way of connecting', severity: 'high', section: 'auth' },
  'server-edition-cannot-host': { title: 'This edition of Windows cannot be connected to', severity: 'critical', section: 'services' },
  'server-rdp-security-only': { title: 'The server only allows old RDP security', severity: 'medium', section: 'auth' },
  'nla-required-client-disabled': { title: 'The server requires NLA but this connection turns it off', severity: 'critical', section: 'auth' },
  'tls-required-client-rdp-only': { title: 'The server requires TLS but this connection uses RDP security only', severity: 'critical', section: 'auth' },
  'tls-version-mismatch': { title: 'No TLS version in common', severity: 'critical', section: 'auth' },
  'tls-handshake-failed': { title: 'The secure (TLS) handshake failed', severity: 'high', section: 'auth' },
  'certificate-expired': { title: "The server's certificate has expired", severity: 'high', section: 'certificates' },
  'certificate-not-yet-valid': { title: "The server's certificate is not valid yet", severity: 'high', section: 'certificates' },
  'certificate-name-mismatch': { title: 'The certificate names a different computer', severity: 'medium', section: 'certificates' },
  'certificate-self-signed': { title: 'The certificate is self-signed', severity: 'info', section: 'certificates' },
  'certificate-changed': { title: 'The certificate changed since last time', severity: 'medium', section: 'certificates' },
  'certificate-weak': { title: 'The certificate is weak', severity: 'low', section: 'certificates' },
  'clock-skew': { title: "The server's clock is off", severity: 'high', section: 'credentials' },
  'gateway-unreachable': { title: 'The Remote Desktop Gateway cannot be reached', severity: 'critical', section: 'alternatives' },
  'gateway-certificate-untrusted': { title: "The gateway's certificate is not trusted", severity: 'high', section: 'alternatives' },
  'gateway-bad-response': { title: 'The gateway answers in an unexpected way', severity: 'high', section: 'alternatives' },
  'high-latency': { title: 'The network path is slow', severity: 'medium', section: 'network' },
  'packet-loss': { title: 'Connections get lost on the way', severity: 'medium', section: 'network' },
  'saved-credentials-stale': { title: 'Saved credentials may be outdated', severity: 'medium', section: 'credentials' },
  'rdp-file-invalid': { title: 'The connection file has problems', severity: 'medium', section: 'settings' },
  'credssp-oracle-mismatch': { title: 'CredSSP update policy blocks this connection', severity: 'high', section: 'auth' },
  'client-udp-unstable': { title: 'UDP transport is unstable here', severity: 'low', section: 'client' },
  'vpn-active': { title: 'A VPN is on the path', severity: 'low', section: 'network' },
  'security-software-interference': { title: 'Security software may interfere', severity: 'low', section: 'network' },
  'pending-reboot': { title: 'Updates are waiting for a restart', severity: 'low', section: 'updates' },
  'server-rdp-disabled': { title: 'Remote Desktop is turned off on the host', severity: 'critical', section: 'services' },
  'server-termservice-stopped': { title: 'The Remote Desktop service is stopped', severity: 'critical', section: 'services' },
  'server-port-not-listening': { title: 'The host is not listening on its RDP port', severity: 'critical', section: 'services' },
  'server-port-mismatch': { title: 'The host listens on a different port', severity: 'high', section: 'services' },
  'server-certificate-expired': { title: "The host's RDP certificate has expired", severity: 'critical', section: 'certificates' },
  'server-certificate-key-inaccessible': { title: "The service cannot read the certificate's private key", severity: 'critical', section: 'certificates' },
  'server-certificate-hash-dangling': { title: 'The configured certificate does not exist', severity: 'critical', section: 'certificates' },
  'server-firewall-blocked': { title: 'The host firewall blocks Remote Desktop', severity: 'critical', section: 'network' },
  'server-tls-disabled': { title: 'TLS 1.2 is turned off on the host', severity: 'critical', section: 'auth' },
  'server-out-of-resources': { title: 'The host has no room for another session', severity: 'high', section: 'services' },
  'logon-failed': { title: 'The server refuses the sign-in', severity: 'high', section: 'credentials' },
  'certificate-unreadable': { title: "The server's certificate cannot be read", severity: 'high', section: 'certificates' },
} as const satisfies Record<FindingId, FindingMeta>;

/** Where a fix runs. */
export type FixScope = 'client' | 'host';

/** Static description of a fix. */
export interface FixMeta {
  readonly title: string;
  readonly scope: FixScope;
  readonly needsElevation: boolean;
  /** Plain words shown before running when the fix lowers security; absent when it does not. */
  readonly securityCost?: string;
}

/** Metadata of every fix id. */
export const FIX_META = {
  'rdpfile.generate-clean': {
    title: 'Create a clean connection file',
    scope: 'client',
    needsElevation: false,
    securityCost:
      'The fallback settings turn off Network Level Authentication for this file, so the host shows its logon screen before you sign in, and accept a connection even when the server cannot be verified, which allows interception.',
  },
  'rdpfile.use-ip': { title: 'Connect by IP address', scope: 'client', needsElevation: false },
  'credentials.clear': { title: 'Remove saved credentials', scope: 'client', needsElevation: false },
  'cache.clear': { title: 'Clear the Remote Desktop cache', scope: 'client', needsElevation: false },
  'dns.flush': { title: 'Flush the DNS cache', scope: 'client', needsElevation: false },
  'client.disable-udp': { title: 'Use TCP only', scope: 'client', needsElevation: true },
  'client.credssp-oracle': {
    title: 'Allow vulnerable CredSSP',
    scope: 'client',
    needsElevation: true,
    securityCost: 'This lets the computer talk to unpatched servers using a CredSSP version with a known flaw (CVE-2018-0886). Undo it as soon as the server is updated.',
  },
  'server.restart-termservice': { title: 'Restart Remote Desktop Services', scope: 'host', needsElevation: true },
  'server.renew-certificate': { title: 'Renew the RDP certificate', scope: 'host', needsElevation: true },
  'server.repair-key-permissions': { title: 'Repair private key permissions', scope: 'host', needsElevation: true },
  'server.reset-machinekeys-acl': { title: 'Reset MachineKeys permissions', scope: 'host', needsElevation: true },
  'server.disable-nla': {
    title: 'Turn off NLA on the host',
    scope: 'host',
    needsElevation: true,
    securityCost: 'Anyone who can reach the host will see its logon screen and use its resources before signing in.',
  },
  'server.enable-nla': { title: 'Require NLA on the host', scope: 'host', needsElevation: true },
  'server.set-security-layer': { title: 'Set the host security layer', scope: 'host', needsElevation: true },
  'server.enable-firewall-rule': { title: 'Allow Remote Desktop in the firewall', scope: 'host', needsElevation: true },
  'server.enable-rdp': { title: 'Turn on Remote Desktop', scope: 'host', needsElevation: true },
  'server.enable-tls12': { title: 'Turn on TLS 1.2', scope: 'host', needsElevation: true },
} as const satisfies Record<FixId, FixMeta>;

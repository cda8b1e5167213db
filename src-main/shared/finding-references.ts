/**
 * The Microsoft page (or KB article) an administrator checks for each finding, with the page's own title.
 * Addresses carry no language segment, so Microsoft Learn opens in the reader's language.
 */
import type { FindingId } from './ids';

/** A page to read about a finding. */
export interface FindingReference {
  readonly title: string;
  readonly url: string;
}

const LEARN = 'https://learn.microsoft.com';
const general = (anchor: string): FindingReference => ({
  title: 'General Remote Desktop connection troubleshooting',
  url: `${LEARN}/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting#${anchor}`,
});
const internalError = (anchor?: string): FindingReference => ({
  title: 'An internal error has occurred',
  url: `${LEARN}/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine${anchor ? `#${anchor}` : ''}`,
});
const rdpProperties = (anchor?: string): FindingReference => ({
  title: 'Supported RDP properties',
  url: `${LEARN}/azure/virtual-desktop/rdp-properties${anchor ? `#${anchor}` : ''}`,
});
const LISTENER_CERTIFICATE: FindingReference = {
  title: 'Remote Desktop listener certificate configurations',
  url: `${LEARN}/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations`,
};
const RDS_CERTIFICATES: FindingReference = {
  title: 'Using certificates in Remote Desktop Services',
  url: `${LEARN}/windows-server/remote/remote-desktop-services/rds-certificates`,
};
const TLS_REGISTRY: FindingReference = {
  title: 'Transport Layer Security (TLS) registry settings',
  url: `${LEARN}/windows-server/security/tls/tls-registry-settings`,
};
const DNS: FindingReference = {
  title: 'Guidance for troubleshooting DNS',
  url: `${LEARN}/troubleshoot/windows-server/networking/troubleshoot-dns-guidance`,
};

/** One reference per finding id, or null where Microsoft documents nothing an administrator could act on. */
export const FINDING_REFERENCES = {
  'dns-unresolvable': DNS,
  'dns-stale-record': DNS,
  'port-refused': general('check-that-the-rdp-listener-is-functioning'),
  'port-unreachable': general('check-whether-a-firewall-is-blocking-the-rdp-port'),
  'not-rdp-service': general('check-that-another-application-isnt-trying-to-use-the-same-port'),
  'negotiation-timeout': general('check-that-the-rdp-listener-is-functioning'),
  'connection-dropped-during-negotiation': internalError(),
  'server-no-certificate': internalError('remote-desktop-self-signed-certificate'),
  'server-rdp-security-only': internalError('verify-if-the-error-is-related-to-the-encryption-negotiation'),
  'nla-required-client-disabled': rdpProperties('enablecredsspsupport'),
  'tls-required-client-rdp-only': rdpProperties(),
  'tls-version-mismatch': TLS_REGISTRY,
  'tls-handshake-failed': internalError('security-protocol-negotiation'),
  'certificate-expired': LISTENER_CERTIFICATE,
  'certificate-not-yet-valid': LISTENER_CERTIFICATE,
  'certificate-name-mismatch': LISTENER_CERTIFICATE,
  'certificate-self-signed': LISTENER_CERTIFICATE,
  'certificate-changed': LISTENER_CERTIFICATE,
  'certificate-weak': RDS_CERTIFICATES,
  'clock-skew': {
    title: 'Maximum tolerance for computer clock synchronization',
    url: `${LEARN}/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/maximum-tolerance-for-computer-clock-synchronization`,
  },
  'gateway-unreachable': rdpProperties('gatewayhostname'),
  'gateway-certificate-untrusted': RDS_CERTIFICATES,
  'gateway-bad-response': rdpProperties('gatewayhostname'),
  'high-latency': general('check-whether-a-firewall-is-blocking-the-rdp-port'),
  'packet-loss': general('check-whether-a-firewall-is-blocking-the-rdp-port'),
  'saved-credentials-stale': { title: 'cmdkey', url: `${LEARN}/windows-server/administration/windows-commands/cmdkey` },
  'rdp-file-invalid': rdpProperties(),
  'credssp-oracle-mismatch': { title: 'CredSSP updates for CVE-2018-0886', url: 'https://support.microsoft.com/help/4093492' },
  'client-udp-unstable': null,
  'vpn-active': general('check-whether-a-firewall-is-blocking-the-rdp-port'),
  'security-software-interference': general('check-whether-a-firewall-is-blocking-the-rdp-port'),
  'pending-reboot': null,
  'server-rdp-disabled': general('check-the-status-of-the-rdp-protocol'),
  'server-termservice-stopped': general('check-the-status-of-the-rdp-services'),
  'server-port-not-listening': general('check-that-the-rdp-listener-is-functioning'),
  'server-port-mismatch': {
    title: 'Change the listening port for Remote Desktop on Windows and Windows Server',
    url: `${LEARN}/windows-server/remote/remote-desktop-services/remotepc/change-listening-port`,
  },
  'server-certificate-expired': general('check-the-status-of-the-rdp-self-signed-certificate'),
  'server-certificate-key-inaccessible': general('check-the-permissions-of-the-machinekeys-folder'),
  'server-certificate-hash-dangling': LISTENER_CERTIFICATE,
  'server-firewall-blocked': general('check-whether-a-firewall-is-blocking-the-rdp-port'),
  'server-tls-disabled': TLS_REGISTRY,
  'server-out-of-resources': null,
  'negotiation-refused': internalError('security-protocol-negotiation'),
  'logon-failed': null,
  'certificate-unreadable': LISTENER_CERTIFICATE,
  'server-edition-cannot-host': { title: 'How to use Remote Desktop', url: 'https://support.microsoft.com/windows/how-to-use-remote-desktop-5fe128d5-8fb1-7a23-3b8a-41e636865e8c' },
} as const satisfies Record<FindingId, FindingReference | null>;

/** The reference of a finding id this build knows, or null. */
export function referenceOf(id: string): FindingReference | null {
  return (FINDING_REFERENCES as Record<string, FindingReference | null>)[id] ?? null;
}

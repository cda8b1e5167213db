/** Evidence labels of the Windows host checks, one table per check id. */
import type { EvidenceLabels } from './label-types';

/** server.rdp-enabled */
export const SERVER_RDP_ENABLED: EvidenceLabels = {
  fields: {
    isEnabled: 'Remote Desktop turned on',
    'fDenyTSConnections.value': 'fDenyTSConnections',
    'fDenyTSConnections.source': 'Set by',
    'fDenyTSConnections.policy': 'Policy value',
    isHomeEdition: 'Home edition (cannot host Remote Desktop)',
    editionId: 'Edition',
    productName: 'Windows',
  },
  omit: ['fDenyTSConnections.local'],
};

/** server.listener */
export const SERVER_LISTENER: EvidenceLabels = {
  fields: {
    termServiceRunning: 'Remote Desktop Services running',
    configuredPort: 'Configured port',
    targetPort: 'Port diagnosed',
    listeningOnConfiguredPort: 'Listening on the configured port',
    configuredPortOwnedByTermService: 'That port belongs to Remote Desktop Services',
    'squatter.name': 'Other program on the port',
    'squatter.pid': 'Its process id',
    termServiceOtherPorts: 'Other ports of the service',
    termServicePid: 'Process id of the service',
  },
  tables: {
    services: { title: 'Services', columns: { name: 'Service', state: 'State', startMode: 'Start', account: 'Runs as' } },
    tcp: { title: 'TCP listeners', columns: { localAddress: 'Address', localPort: 'Port', processName: 'Program', owningProcess: 'Process id' } },
    udp: { title: 'UDP listeners', columns: { localAddress: 'Address', localPort: 'Port', processName: 'Program', owningProcess: 'Process id' } },
  },
};

/** server.security-layer */
export const SERVER_SECURITY_LAYER: EvidenceLabels = {
  fields: {
    'securityLayer.name': 'Security layer',
    'securityLayer.source': 'Security layer set by',
    isNlaRequired: 'Network Level Authentication required',
    'userAuthentication.value': 'UserAuthentication',
    'userAuthentication.source': 'UserAuthentication set by',
    'minEncryptionLevel.name': 'Encryption level',
    clientCredSspOff: 'A connection file here turns NLA off',
    wmiAvailable: 'WMI readable',
  },
  omit: ['securityLayer', 'userAuthentication', 'minEncryptionLevel'],
};

/** server.certificate */
export const SERVER_CERTIFICATE: EvidenceLabels = {
  fields: {
    inUse: 'Thumbprint in use',
    inUseBasis: 'Chosen by',
    notAfter: { label: 'Valid until', as: 'date' },
    daysLeft: { label: 'Time left', as: 'days-left' },
    isExpired: 'Expired',
    isNotYetValid: 'Not valid yet',
    isSelfSigned: 'Self-signed',
    networkServiceCanReadKey: 'The service can read its private key',
    isHashDangling: 'The configured certificate is missing',
    danglingHash: 'Missing thumbprint',
    wmiHash: 'Thumbprint set for Remote Desktop (WMI)',
    registryHash: 'Thumbprint in the registry',
  },
  tables: {
    certificates: {
      title: 'Certificates in the Remote Desktop store',
      columns: { subject: 'Subject', thumbprint: 'Thumbprint', notAfter: { label: 'Valid until', as: 'date' }, hasPrivateKey: 'Private key', keyOpenError: 'Key error' },
    },
  },
};

/** server.machinekeys */
export const SERVER_MACHINEKEYS: EvidenceLabels = {
  fields: {
    'key.thumbprint': 'Certificate',
    'key.keyFile': 'Private key file',
    'key.keyProvider': 'Key provider',
    'key.keyOpenError': 'Key error',
    'key.networkServiceCanRead': 'The service can read the key',
    'key.aces': 'Permissions of the key file',
    'folder.path': 'MachineKeys folder',
    'folder.owner': 'Folder owner',
    'folder.deviations': 'Differences from the default permissions',
    'folder.aces': 'Permissions of the folder',
    isElevated: 'Read as administrator',
  },
  omit: ['folder.exists', 'rdpKeyFiles'],
};

/** server.firewall */
export const SERVER_FIREWALL: EvidenceLabels = {
  fields: {
    port: 'Port',
    'verdict.isBlocked': 'Blocked',
    'verdict.enabledTcpRules': 'Rules that let it in',
    'verdict.rulesMissingPort': 'Rules for another port',
    'verdict.hasGroupRules': 'Remote Desktop rule group present',
    'verdict.otherAllowRules': 'Other rules that let it in',
  },
  tables: {
    'verdict.profiles': {
      title: 'Active firewall profiles',
      columns: { profile: 'Profile', firewallOn: 'Firewall on', isAllowed: 'Remote Desktop allowed', allowedBy: 'Allowed by', blockedBy: 'Blocked by' },
    },
    rules: {
      title: 'Remote Desktop firewall rules',
      columns: { displayName: 'Rule', enabled: 'On', profile: 'Profile', action: 'Action', protocol: 'Protocol', localPorts: 'Ports' },
    },
    otherRules: {
      title: 'Other enabled inbound TCP rules',
      columns: { displayName: 'Rule', profile: 'Profile', action: 'Action', localPorts: 'Ports', remoteAddresses: 'From', program: 'Program' },
    },
    profiles: { title: 'Firewall profiles', columns: { name: 'Profile', enabled: 'On', defaultInboundAction: 'Default for incoming' } },
    networks: { title: 'Networks', columns: { interfaceAlias: 'Interface', category: 'Category' } },
  },
};

/** server.tls-protocols */
export const SERVER_TLS_PROTOCOLS: EvidenceLabels = {
  fields: { tls12On: 'TLS 1.2 on', anyTlsOn: 'Any TLS version on', fipsEnabled: 'FIPS mode', osBuild: 'Windows build' },
  tables: {
    protocols: { title: 'TLS settings of the host (Schannel server)', columns: { protocol: 'Protocol', isOn: 'On', enabled: 'Enabled', disabledByDefault: 'Disabled by default' } },
  },
};

/** server.events */
export const SERVER_EVENTS: EvidenceLabels = {
  fields: {
    days: 'Days read',
    'summary.connectionsSeen': 'Connections seen',
    'summary.remoteConnections': 'Connections from other computers',
    'summary.lastRemoteConnectionUtc': { label: 'Latest connection from another computer', as: 'date' },
    'summary.keyAccessErrors': 'Private key errors',
    'summary.certificateRenewalFailures': 'Certificate renewal failures',
    'summary.credentialErrors': 'Credential errors',
    'summary.cipherMismatches': 'No cipher in common',
    'summary.failedLogons': 'Failed sign-ins',
    unreadable: 'Logs that could not be read',
  },
  tables: {
    recent: {
      title: 'Recent events',
      columns: { time: { label: 'Time', as: 'date' }, family: 'Source', id: 'Event', meaning: 'Meaning', 'alert.name': 'TLS alert', data: 'Data' },
    },
    'summary.counts': { title: 'Events by source and id', keyColumn: 'Event', columns: { '': 'Count' } },
    'summary.alerts': { title: 'TLS alerts', columns: { direction: 'Direction', name: 'Alert', code: 'Code', count: 'Count' } },
  },
};

/** server.capacity */
export const SERVER_CAPACITY: EvidenceLabels = {
  fields: {
    caption: 'Windows',
    licensingName: 'Licensing',
    sessionLimit: 'Session limit',
    limitBasis: 'Why that limit',
    remoteSessions: 'Remote sessions',
    connectedSessions: 'Connected',
    disconnectedSessions: 'Disconnected',
    isFull: 'Full',
    freeMemoryKB: { label: 'Free memory', as: 'kilobytes' },
    totalMemoryKB: { label: 'Memory', as: 'kilobytes' },
    freePercent: { label: 'Memory free', as: 'percent' },
    memoryLow: 'Memory low',
  },
  omit: ['productType', 'terminalServerMode', 'licensingType'],
};

/** Evidence labels of the Windows client checks, one table per check id. */
import type { EvidenceLabels } from './label-types';

/** client.versions */
export const CLIENT_VERSIONS: EvidenceLabels = {
  fields: {
    windowsName: 'Windows',
    productName: 'Product name (registry)',
    editionId: 'Edition',
    displayVersion: 'Version',
    build: 'Build',
    ubr: 'Update revision',
    mstsc: 'Remote Desktop Connection (mstsc)',
    mstscax: 'Remote Desktop control (mstscax)',
    appsError: 'Store apps not listed',
  },
  tables: { apps: { title: 'Other Remote Desktop apps', columns: { name: 'App', version: 'Version' } } },
};

/** client.saved-credentials */
export const CLIENT_SAVED_CREDENTIALS: EvidenceLabels = {
  fields: { names: 'Names looked for', totalEntries: 'Saved entries in total', otherTermsrv: 'Remote Desktop entries for other computers' },
  tables: { matched: { title: 'Saved for this computer', columns: { target: 'Entry', user: 'User', type: 'Type' } } },
};

/** client.rdp-files */
export const CLIENT_RDP_FILES: EvidenceLabels = {
  fields: { names: 'Names looked for', otherFiles: 'Connection files for other computers', mru: 'Recently used computers' },
  tables: {
    files: {
      title: 'Connection files for this computer',
      columns: {
        name: 'File',
        address: 'Connects to',
        enableCredSsp: 'NLA (CredSSP) allowed',
        authenticationLevel: 'Authentication level',
        negotiateSecurityLayer: 'Negotiates the security layer',
        'issues.message': 'Problems',
        path: 'Path',
      },
    },
    servers: {
      title: 'Computers remembered by Remote Desktop Connection',
      columns: { host: 'Computer', usernameHint: 'User name', certHash: 'Certificate accepted (thumbprint)' },
    },
  },
};

/** client.policy */
export const CLIENT_POLICY: EvidenceLabels = {
  fields: {
    oracleName: 'CredSSP encryption oracle policy',
    allowEncryptionOracle: 'AllowEncryptionOracle',
    isUdpDisabled: 'UDP transport turned off',
    fClientDisableUDP: 'fClientDisableUDP (policy)',
    disableUDPTransport: 'DisableUDPTransport',
    isTls12Disabled: 'TLS 1.2 turned off',
    fipsEnabled: 'FIPS mode',
  },
  tables: {
    schannelClient: { title: 'TLS settings of this computer (Schannel client)', columns: { protocol: 'Protocol', enabled: 'Enabled', disabledByDefault: 'Disabled by default' } },
  },
};

/** client.events */
export const CLIENT_EVENTS: EvidenceLabels = {
  fields: {
    names: 'Names looked for',
    sinceUtc: { label: 'Read since', as: 'date' },
    failedAttempts: 'Attempts that failed',
    disconnectReasons: 'Disconnect reasons',
    logonFailureReasons: 'Refused at sign-in since the last sign-in (reasons)',
    lastLogonUtc: { label: 'Last sign-in that worked', as: 'date' },
    credsspRefusals: 'Ended by CredSSP (0x80090302)',
    otherAttempts: 'Attempts to other computers',
  },
  tables: {
    attempts: {
      title: 'Connection attempts',
      columns: {
        startedUtc: { label: 'Started', as: 'date' },
        server: 'Computer',
        connected: 'Connected',
        loggedOn: 'Signed in',
        'disconnect.hex': 'Disconnect code',
        'disconnect.meaning': 'Meaning',
        stateErrors: 'Errors',
        eventIds: 'Events',
      },
    },
  },
};

/** client.cache */
export const CLIENT_CACHE: EvidenceLabels = {
  fields: { path: 'Folder', exists: 'Exists', fileCount: 'Files', totalBytes: { label: 'Size', as: 'bytes' }, newestUtc: { label: 'Newest file', as: 'date' } },
};

/** client.vpn */
export const CLIENT_VPN: EvidenceLabels = {
  fields: {
    isVpnUp: 'A VPN is up',
    isTargetViaVpn: 'The route to the computer goes through it',
    target: 'Computer',
    recordedTarget: 'Recorded for',
    addresses: 'Addresses',
  },
  tables: {
    routes: {
      title: 'Route to the computer',
      columns: { address: 'Address', interfaceAlias: 'Interface', nextHop: 'Next hop', sourceAddress: 'From', viaVpn: 'Through the VPN', error: 'Error' },
    },
    adapters: { title: 'Network adapters', columns: { name: 'Adapter', description: 'Description', isVpn: 'VPN' } },
    vpnProfiles: { title: 'VPN connections', columns: { name: 'Name', server: 'Server', status: 'Status' } },
    defaultRoutes: { title: 'Default routes', columns: { interfaceAlias: 'Interface', nextHop: 'Next hop', routeMetric: 'Metric', viaVpn: 'Through the VPN' } },
  },
};

/** client.security-software */
export const CLIENT_SECURITY_SOFTWARE: EvidenceLabels = {
  fields: { thirdPartyActive: 'Third-party products active', securityCenter: 'Windows Security Center readable' },
  tables: {
    antivirus: { title: 'Antivirus', columns: { displayName: 'Product', isEnabled: 'On', isMicrosoft: 'By Microsoft' } },
    firewall: { title: 'Firewall', columns: { displayName: 'Product', isEnabled: 'On', isMicrosoft: 'By Microsoft' } },
  },
};

/** client.updates */
export const CLIENT_UPDATES: EvidenceLabels = {
  fields: {
    isRebootPending: 'A restart is pending',
    cbsRebootPending: 'Component servicing waits for a restart',
    wuRebootRequired: 'Windows Update waits for a restart',
    pendingFileRenames: 'Files waiting to be replaced',
    lastBootUtc: { label: 'Last started', as: 'date' },
  },
  tables: { recentUpdates: { title: 'Recent updates', columns: { id: 'Update', installedOnUtc: { label: 'Installed', as: 'date' } } } },
};

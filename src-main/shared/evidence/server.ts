/** Evidence of the checks of the Windows host (server.*), read from its registry, services, stores, firewall and logs. */
import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

/** A registry setting in force: the policy value wins over the local one; neither = the Windows default. */
const EffectiveSettingSchema = lazySchema(() =>
  z.object({
    value: z.number(),
    source: z.enum(['policy', 'local', 'default']),
    local: z.number().nullable(),
    policy: z.number().nullable(),
  }),
);

/** The same, with what WMI reports (it already applies policy) and the value's name where it has one. */
const SettingInForceSchema = lazySchema(() => EffectiveSettingSchema.extend({ wmi: z.number().nullable() }));

/** server.rdp-enabled: fDenyTSConnections as it is in force, and the edition (a Home edition cannot host at all). */
export const ServerRdpEnabledEvidenceSchema = lazySchema(() =>
  z.object({
    fDenyTSConnections: EffectiveSettingSchema,
    isEnabled: z.boolean(),
    isHomeEdition: z.boolean(),
    /** CurrentVersion EditionID ("Professional", "Core" …) and ProductName; null when not read. */
    editionId: z.string().nullable(),
    productName: z.string().nullable(),
  }),
);

const ListenerRowSchema = lazySchema(() => z.object({ localAddress: z.string(), localPort: z.number(), owningProcess: z.number().nullable(), processName: z.string().nullable() }));

/** server.listener: the Remote Desktop services, and who listens on the configured port. */
export const ServerListenerEvidenceSchema = lazySchema(() =>
  z.object({
    services: z.array(
      z.object({
        name: z.string(),
        present: z.boolean(),
        state: z.string().nullable(),
        startMode: z.string().nullable(),
        processId: z.number().nullable(),
        account: z.string().nullable(),
      }),
    ),
    /** RDP-Tcp PortNumber. */
    configuredPort: z.number(),
    /** The port this diagnosis dials. */
    targetPort: z.number(),
    termServicePid: z.number().nullable(),
    tcp: z.array(ListenerRowSchema),
    udp: z.array(ListenerRowSchema),
    listeningOnConfiguredPort: z.boolean(),
    configuredPortOwnedByTermService: z.boolean().nullable(),
    /** Another program holding the configured port. */
    squatter: z.object({ pid: z.number().nullable(), name: z.string().nullable() }).nullable(),
    termServiceOtherPorts: z.array(z.number()),
    termServiceRunning: z.boolean(),
  }),
);

/** server.security-layer: security layer, NLA and encryption level in force, and where each comes from. */
export const ServerSecurityLayerEvidenceSchema = lazySchema(() =>
  z.object({
    securityLayer: SettingInForceSchema.extend({ name: z.string() }),
    userAuthentication: SettingInForceSchema,
    minEncryptionLevel: SettingInForceSchema.extend({ name: z.string() }),
    isNlaRequired: z.boolean(),
    /** Whether this connection's .rdp turns CredSSP off; null without a file. */
    clientCredSspOff: z.boolean().nullable(),
    wmiAvailable: z.boolean(),
  }),
);

/** server.certificate: the certificate RDP presents on this host, and how it was picked. */
export const ServerCertificateEvidenceSchema = lazySchema(() =>
  z.object({
    certificates: z.array(
      z.object({
        store: z.string(),
        thumbprint: z.string(),
        subject: z.string(),
        issuer: z.string(),
        notBefore: z.string().nullable(),
        notAfter: z.string().nullable(),
        hasPrivateKey: z.boolean(),
        keyFile: z.string().nullable(),
        keyOpenError: z.string().nullable(),
      }),
    ),
    registryHash: z.string().nullable(),
    wmiHash: z.string().nullable(),
    /** Thumbprint of the certificate in use. */
    inUse: z.string().nullable(),
    inUseBasis: z.enum(['wmi-hash', 'registry-hash', 'only-certificate', 'newest', 'none']),
    isExpired: z.boolean(),
    isNotYetValid: z.boolean(),
    daysLeft: z.number().nullable(),
    isSelfSigned: z.boolean(),
    /** SSLCertificateSHA1Hash names a certificate that is not on the host. */
    isHashDangling: z.boolean(),
    danglingHash: z.string().nullable(),
    notAfter: z.string().nullable(),
    networkServiceCanReadKey: z.boolean().nullable(),
  }),
);

/** server.machinekeys: the MachineKeys folder's permissions and those of the certificate's key file. */
export const ServerMachinekeysEvidenceSchema = lazySchema(() =>
  z.object({
    folder: z.object({ path: z.string(), exists: z.boolean(), owner: z.string().nullable(), aces: z.array(z.string()), deviations: z.array(z.string()) }),
    key: z
      .object({
        thumbprint: z.string(),
        keyFile: z.string().nullable(),
        keyProvider: z.string().nullable(),
        keyOpenError: z.string().nullable(),
        aces: z.array(z.string()),
        networkServiceCanRead: z.boolean().nullable(),
      })
      .nullable(),
    rdpKeyFiles: z.array(z.string()),
    isElevated: z.boolean().nullable(),
  }),
);

/** One inbound firewall rule with its port, address, program and service filters. */
const FirewallRuleSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    displayName: z.string(),
    /** The rule group (@FirewallAPI.dll,-28752 is Remote Desktop); null when the rule has none. */
    group: z.string().nullable(),
    enabled: z.boolean(),
    profile: z.string(),
    direction: z.string(),
    action: z.string(),
    protocol: z.string(),
    localPorts: z.array(z.string()),
    remoteAddresses: z.array(z.string()),
    program: z.string(),
    service: z.string(),
  }),
);

/** server.firewall: every enabled inbound allow rule that can let the configured port in, per network profile in use. */
export const ServerFirewallEvidenceSchema = lazySchema(() =>
  z.object({
    port: z.number(),
    /** The rules of the built-in Remote Desktop group, enabled or not. */
    rules: z.array(FirewallRuleSchema),
    /** Enabled inbound TCP allow and block rules outside that group (an administrator's rule for a changed port lives here). */
    otherRules: z.array(FirewallRuleSchema),
    profiles: z.array(z.object({ name: z.string(), enabled: z.boolean(), defaultInboundAction: z.string() })),
    networks: z.array(z.object({ interfaceAlias: z.string(), category: z.string() })),
    verdict: z.object({
      profiles: z.array(z.object({ profile: z.string(), firewallOn: z.boolean(), isAllowed: z.boolean(), allowedBy: z.array(z.string()), blockedBy: z.array(z.string()) })),
      isBlocked: z.boolean(),
      /** Enabled inbound TCP rules of the Remote Desktop group. */
      enabledTcpRules: z.array(z.string()),
      /** Those that do not list the configured port (it was changed). */
      rulesMissingPort: z.array(z.string()),
      hasGroupRules: z.boolean(),
      /** Rules outside the group that let the configured port in on a profile in use. */
      otherAllowRules: z.array(z.string()),
    }),
  }),
);

/** server.tls-protocols: the SCHANNEL server protocols and FIPS. */
export const ServerTlsProtocolsEvidenceSchema = lazySchema(() =>
  z.object({
    protocols: z.array(
      z.object({ protocol: z.string(), keyPresent: z.boolean(), enabled: z.number().nullable(), disabledByDefault: z.number().nullable(), isOn: z.boolean().nullable() }),
    ),
    tls12On: z.boolean().nullable(),
    anyTlsOn: z.boolean().nullable(),
    fipsEnabled: z.boolean().nullable(),
    osBuild: z.number().nullable(),
  }),
);

/** server.events: host RDP and Schannel events of the last week, as counts and signatures. */
export const ServerEventsEvidenceSchema = lazySchema(() =>
  z.object({
    days: z.number().nullable(),
    summary: z.object({
      /** Count per "Family:id". */
      counts: z.record(z.string(), z.number()),
      keyAccessErrors: z.number(),
      credentialErrors: z.number(),
      certificateRenewalFailures: z.number(),
      cipherMismatches: z.number(),
      failedLogons: z.number(),
      connectionsSeen: z.number(),
      /** TCP connections accepted from another computer (RdpCoreTS 131 from a non-loopback address): they got through the firewall. */
      remoteConnections: z.number(),
      lastRemoteConnectionUtc: z.string().nullable(),
      alerts: z.array(z.object({ direction: z.enum(['sent', 'received']), code: z.number(), name: z.string(), count: z.number() })),
    }),
    recent: z.array(
      z.object({
        family: z.string(),
        id: z.number(),
        time: z.string().nullable(),
        meaning: z.string(),
        alert: z.object({ code: z.number(), name: z.string() }).nullable(),
        data: z.array(z.string()),
      }),
    ),
    unreadable: z.array(z.object({ log: z.string(), error: z.string() })),
  }),
);

/** server.capacity: free memory, remote sessions against the host's limit, and the licensing mode. */
export const ServerCapacityEvidenceSchema = lazySchema(() =>
  z.object({
    freeMemoryKB: z.number().nullable(),
    totalMemoryKB: z.number().nullable(),
    freePercent: z.number().nullable(),
    productType: z.number().nullable(),
    caption: z.string().nullable(),
    terminalServerMode: z.number().nullable(),
    licensingType: z.number().nullable(),
    licensingName: z.string().nullable(),
    remoteSessions: z.number(),
    connectedSessions: z.number(),
    disconnectedSessions: z.number(),
    sessionLimit: z.number().nullable(),
    limitBasis: z.string(),
    isFull: z.boolean(),
    memoryLow: z.enum(['critical', 'low']).nullable(),
  }),
);

/** The evidence schema of every host check. */
export const SERVER_EVIDENCE = {
  'server.rdp-enabled': ServerRdpEnabledEvidenceSchema,
  'server.listener': ServerListenerEvidenceSchema,
  'server.security-layer': ServerSecurityLayerEvidenceSchema,
  'server.certificate': ServerCertificateEvidenceSchema,
  'server.machinekeys': ServerMachinekeysEvidenceSchema,
  'server.firewall': ServerFirewallEvidenceSchema,
  'server.tls-protocols': ServerTlsProtocolsEvidenceSchema,
  'server.events': ServerEventsEvidenceSchema,
  'server.capacity': ServerCapacityEvidenceSchema,
} as const;

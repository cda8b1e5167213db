/** Evidence of the checks of the local Windows client (client.*), read from its registry, event log and tools. */
import { z } from 'zod';
import { lazySchema } from '../lazy-schema';

/** client.versions: the Windows edition and build (22000+ is Windows 11) and the Remote Desktop clients installed. */
export const ClientVersionsEvidenceSchema = lazySchema(() =>
  z.object({
    productName: z.string().nullable(),
    editionId: z.string().nullable(),
    build: z.number().nullable(),
    ubr: z.number().nullable(),
    displayVersion: z.string().nullable(),
    windowsName: z.string(),
    mstsc: z.string().nullable(),
    mstscax: z.string().nullable(),
    apps: z.array(z.object({ name: z.string(), version: z.string().nullable() })),
    /** Why the Store apps could not be listed (their own collector failed or hung); null when they were. */
    appsError: z.string().nullable(),
  }),
);

/** client.saved-credentials: the TERMSRV credentials Windows sends to this target (cmdkey, any language). */
export const ClientSavedCredentialsEvidenceSchema = lazySchema(() =>
  z.object({
    /** The target's name and addresses the credentials were matched against. */
    names: z.array(z.string()),
    matched: z.array(z.object({ target: z.string(), kind: z.string(), host: z.string(), type: z.string().nullable(), user: z.string().nullable() })),
    otherTermsrv: z.array(z.string()),
    totalEntries: z.number(),
  }),
);

/** client.rdp-files: the saved connection files for this target (and Default.rdp), the MRU list and Servers entries. */
export const ClientRdpFilesEvidenceSchema = lazySchema(() =>
  z.object({
    names: z.array(z.string()),
    files: z.array(
      z.object({
        path: z.string(),
        name: z.string(),
        hidden: z.boolean(),
        /** Documents\Default.rdp, which mstsc opens when started without a file. */
        isDefault: z.boolean(),
        address: z.string().nullable(),
        /** False when the file was too large to read. */
        wasRead: z.boolean(),
        enableCredSsp: z.boolean().nullable(),
        authenticationLevel: z.number().nullable(),
        negotiateSecurityLayer: z.boolean().nullable(),
        issues: z.array(z.object({ severity: z.enum(['error', 'warning', 'info']), code: z.string(), message: z.string() })),
      }),
    ),
    otherFiles: z.number(),
    mru: z.array(z.string()),
    servers: z.array(z.object({ host: z.string(), usernameHint: z.string().nullable(), certHash: z.string().nullable() })),
  }),
);

/** client.policy: the CredSSP oracle policy, TCP-only settings, SCHANNEL client protocols and FIPS. Null = not set. */
export const ClientPolicyEvidenceSchema = lazySchema(() =>
  z.object({
    /** 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; not set behaves as Mitigated. */
    allowEncryptionOracle: z.number().nullable(),
    oracleName: z.string().nullable(),
    fClientDisableUDP: z.number().nullable(),
    disableUDPTransport: z.number().nullable(),
    isUdpDisabled: z.boolean(),
    fipsEnabled: z.number().nullable(),
    schannelClient: z.array(z.object({ protocol: z.string(), enabled: z.number().nullable(), disabledByDefault: z.number().nullable() })),
    isTls12Disabled: z.boolean(),
  }),
);

/** One connection attempt of the RDPClient/Operational log: the events sharing an ActivityID. */
const ConnectionAttemptSchema = lazySchema(() =>
  z.object({
    activityId: z.string().nullable(),
    startedUtc: z.string().nullable(),
    /** The server event 1024 names. */
    server: z.string().nullable(),
    /** 1025: the transport connection came up. */
    connected: z.boolean(),
    /** 1027: the session logged on. */
    loggedOn: z.boolean(),
    serverSupportsSsl: z.boolean(),
    /** 1026's reason, decoded. */
    disconnect: z.object({ value: z.number(), hex: z.string(), name: z.string(), meaning: z.string() }).nullable(),
    /** 1102/1103/1105: UDP multi-transport initiated, established, dropped. */
    udp: z.object({ initiated: z.boolean(), established: z.boolean(), dropped: z.boolean() }),
    /** 226 state-machine errors, as Windows words them. */
    stateErrors: z.array(z.string()),
    eventIds: z.array(z.number()),
  }),
);

/** client.events: recent attempts to this target in the client's event log, newest first. */
export const ClientEventsEvidenceSchema = lazySchema(() =>
  z.object({
    names: z.array(z.string()),
    sinceUtc: z.string().nullable(),
    attempts: z.array(ConnectionAttemptSchema),
    /** Attempts that ended without a logon, with a real disconnect reason or a CredSSP refusal. */
    failedAttempts: z.number(),
    /** 1026 reasons of the attempts that failed, newest first. */
    disconnectReasons: z.array(z.number()),
    /** Reasons of the attempts refused at logon (account or password: 2055 and its family) since the last logon, newest first. */
    logonFailureReasons: z.array(z.number()),
    /** When the newest attempt that logged on started. */
    lastLogonUtc: z.string().nullable(),
    /** Attempts whose 226 error is 0x80090302 (SEC_E_UNSUPPORTED_FUNCTION), what a CredSSP encryption-oracle refusal logs. */
    credsspRefusals: z.number(),
    otherAttempts: z.number(),
  }),
);

/** client.cache: the mstsc bitmap cache folder. */
export const ClientCacheEvidenceSchema = lazySchema(() =>
  z.object({
    path: z.string().nullable(),
    exists: z.boolean(),
    fileCount: z.number(),
    totalBytes: z.number(),
    newestUtc: z.string().nullable(),
  }),
);

/** client.vpn: VPN adapters and profiles that are up, and the interface that carries traffic to the target. */
export const ClientVpnEvidenceSchema = lazySchema(() =>
  z.object({
    /** The target the collector was asked about. */
    target: z.string().nullable(),
    addresses: z.array(z.string()),
    adapters: z.array(z.object({ name: z.string(), description: z.string(), ifIndex: z.number().nullable(), isVpn: z.boolean() })),
    vpnProfiles: z.array(z.object({ name: z.string(), server: z.string().nullable(), status: z.string().nullable() })),
    routes: z.array(
      z.object({
        address: z.string(),
        interfaceAlias: z.string().nullable(),
        interfaceIndex: z.number().nullable(),
        nextHop: z.string().nullable(),
        sourceAddress: z.string().nullable(),
        error: z.string().nullable(),
        viaVpn: z.boolean(),
      }),
    ),
    defaultRoutes: z.array(z.object({ interfaceAlias: z.string().nullable(), nextHop: z.string().nullable(), routeMetric: z.number().nullable(), viaVpn: z.boolean() })),
    isVpnUp: z.boolean(),
    /** Null when the recorded route is for another target. */
    isTargetViaVpn: z.boolean().nullable(),
    /** Set when the recording answered for another target than this one. */
    recordedTarget: z.string().optional(),
  }),
);

const SecurityProductSchema = lazySchema(() =>
  z.object({
    displayName: z.string(),
    productState: z.number().nullable(),
    isEnabled: z.boolean().nullable(),
    isMicrosoft: z.boolean(),
  }),
);

/** client.security-software: antivirus and firewall products registered with Windows Security Center. */
export const ClientSecuritySoftwareEvidenceSchema = lazySchema(() =>
  z.object({
    /** False on server editions, which have no Security Center. */
    securityCenter: z.boolean(),
    antivirus: z.array(SecurityProductSchema),
    firewall: z.array(SecurityProductSchema),
    thirdPartyActive: z.array(z.string()),
  }),
);

/** client.updates: signs that Windows waits for a restart, and the latest updates. */
export const ClientUpdatesEvidenceSchema = lazySchema(() =>
  z.object({
    cbsRebootPending: z.boolean(),
    wuRebootRequired: z.boolean(),
    pendingFileRenames: z.number(),
    lastBootUtc: z.string().nullable(),
    recentUpdates: z.array(z.object({ id: z.string(), installedOnUtc: z.string().nullable() })),
    isRebootPending: z.boolean(),
  }),
);

/** The evidence schema of every client check. */
export const CLIENT_EVIDENCE = {
  'client.versions': ClientVersionsEvidenceSchema,
  'client.saved-credentials': ClientSavedCredentialsEvidenceSchema,
  'client.rdp-files': ClientRdpFilesEvidenceSchema,
  'client.policy': ClientPolicyEvidenceSchema,
  'client.events': ClientEventsEvidenceSchema,
  'client.cache': ClientCacheEvidenceSchema,
  'client.vpn': ClientVpnEvidenceSchema,
  'client.security-software': ClientSecuritySoftwareEvidenceSchema,
  'client.updates': ClientUpdatesEvidenceSchema,
} as const;

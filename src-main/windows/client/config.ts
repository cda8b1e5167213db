/** Parses the client's policy, versions, cache and pending-reboot collectors (docs/windows.md). */
import { asList, bool, int, isoDate, parseJsonObject, str } from '../server/parse-util';

/** AllowEncryptionOracle values (docs/windows.md#credssp-encryption-oracle). */
export const ORACLE_NAMES: Readonly<Record<number, string>> = { 0: 'Force Updated Clients', 1: 'Mitigated', 2: 'Vulnerable' };

/** Client policies that decide how mstsc negotiates. Null = value not set (OS default). */
export interface ClientPolicy {
  readonly allowEncryptionOracle: number | null;
  readonly fClientDisableUDP: number | null;
  readonly disableUDPTransport: number | null;
  readonly fipsEnabled: number | null;
  readonly schannelClient: readonly { readonly protocol: string; readonly enabled: number | null; readonly disabledByDefault: number | null }[];
}

/** Parses `client-policy`. */
export function parsePolicyOutput(stdout: string): ClientPolicy {
  const o = parseJsonObject('client-policy', stdout);
  return {
    allowEncryptionOracle: int(o, 'allowEncryptionOracle'),
    fClientDisableUDP: int(o, 'fClientDisableUDP'),
    disableUDPTransport: int(o, 'disableUDPTransport'),
    fipsEnabled: int(o, 'fipsEnabled'),
    schannelClient: asList(o['schannelClient']).map((p) => ({
      protocol: str(p, 'protocol') ?? '?',
      enabled: int(p, 'enabled'),
      disabledByDefault: int(p, 'disabledByDefault'),
    })),
  };
}

/** True when the client's SCHANNEL settings turn TLS 1.2 off (explicit Enabled=0 or DisabledByDefault=1). */
export function isTls12Disabled(policy: ClientPolicy): boolean {
  const p = policy.schannelClient.find((x) => x.protocol === 'TLS 1.2');
  return p !== undefined && (p.enabled === 0 || p.disabledByDefault === 1);
}

/** True when UDP is turned off by policy or by the client setting. */
export function isUdpDisabled(policy: ClientPolicy): boolean {
  return policy.fClientDisableUDP === 1 || policy.disableUDPTransport === 1;
}

/** The client's OS and Remote Desktop client versions. */
export interface ClientVersions {
  readonly productName: string | null;
  readonly editionId: string | null;
  readonly build: number | null;
  readonly ubr: number | null;
  readonly displayVersion: string | null;
  /** ProductName says "Windows 10" on Windows 11; build 22000+ is Windows 11 (docs/windows.md#client-version-os-build-and-editions). */
  readonly windowsName: string;
  readonly mstsc: string | null;
  readonly mstscax: string | null;
  readonly apps: readonly { readonly name: string; readonly version: string | null }[];
}

/** Parses `client-versions`. */
export function parseVersionsOutput(stdout: string): ClientVersions {
  const o = parseJsonObject('client-versions', stdout);
  const build = int(o, 'currentBuild');
  const productName = str(o, 'productName');
  const isServer = /server/i.test(productName ?? '') || /server/i.test(str(o, 'editionId') ?? '');
  const windowsName = isServer ? (productName ?? 'Windows Server') : build !== null && build >= 22000 ? 'Windows 11' : build !== null ? 'Windows 10' : (productName ?? 'Windows');
  return {
    productName,
    editionId: str(o, 'editionId'),
    build,
    ubr: int(o, 'ubr'),
    displayVersion: str(o, 'displayVersion') ?? str(o, 'releaseId'),
    windowsName,
    mstsc: str(o, 'mstsc'),
    mstscax: str(o, 'mstscax'),
    apps: appsOf(o),
  };
}

function appsOf(o: Record<string, unknown>): ClientVersions['apps'] {
  return asList(o['apps']).map((a) => ({ name: str(a, 'name') ?? '?', version: str(a, 'version') }));
}

/** Parses `client-store-apps`: the Remote Desktop apps from the Microsoft Store (Windows App, Remote Desktop). */
export function parseStoreAppsOutput(stdout: string): ClientVersions['apps'] {
  return appsOf(parseJsonObject('client-store-apps', stdout));
}

/** The bitmap cache folder. */
export interface ClientCache {
  readonly path: string | null;
  readonly exists: boolean;
  readonly fileCount: number;
  readonly totalBytes: number;
  readonly newestUtc: string | null;
}

/** Parses `client-cache`. */
export function parseCacheOutput(stdout: string): ClientCache {
  const o = parseJsonObject('client-cache', stdout);
  return {
    path: str(o, 'path'),
    exists: bool(o, 'exists') ?? false,
    fileCount: int(o, 'fileCount') ?? 0,
    totalBytes: int(o, 'totalBytes') ?? 0,
    newestUtc: isoDate(o, 'newestUtc'),
  };
}

/** Signs that Windows waits for a restart. */
export interface PendingReboot {
  readonly cbsRebootPending: boolean;
  readonly wuRebootRequired: boolean;
  readonly pendingFileRenames: number;
  readonly lastBootUtc: string | null;
  readonly recentUpdates: readonly { readonly id: string; readonly installedOnUtc: string | null }[];
  /** CBS or Windows Update says so; pending renames alone are common and weaker. */
  readonly isRebootPending: boolean;
}

/** Parses `client-pending-reboot`. */
export function parsePendingRebootOutput(stdout: string): PendingReboot {
  const o = parseJsonObject('client-pending-reboot', stdout);
  const cbs = bool(o, 'cbsRebootPending') ?? false;
  const wu = bool(o, 'wuRebootRequired') ?? false;
  return {
    cbsRebootPending: cbs,
    wuRebootRequired: wu,
    pendingFileRenames: int(o, 'pendingFileRenames') ?? 0,
    lastBootUtc: isoDate(o, 'lastBootUtc'),
    recentUpdates: asList(o['recentUpdates']).map((u) => ({ id: str(u, 'id') ?? '?', installedOnUtc: isoDate(u, 'installedOnUtc') })),
    isRebootPending: cbs || wu,
  };
}

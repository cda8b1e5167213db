/** Parsers for the RDP registry values (local and policy) and the SCHANNEL/FIPS keys, plus which value wins. */
import { SERVER_COLLECTORS } from './scripts';
import { asList, badOutput, bool, int, normalizeHex, obj, parseJsonObject, str, type JsonObject } from './parse-util';

/** A DWORD as Windows means it: PowerShell hands values above 0x7FFFFFFF back as negative Int32. */
function dword(o: JsonObject | null, key: string): number | null {
  if (!o) return null;
  const v = int(o, key);
  return v === null ? null : v >>> 0;
}

/** The values that shape RDP on the host, local (WinStations\RDP-Tcp) and policy (Policies\…\Terminal Services). */
export interface RdpRegistry {
  readonly fDenyTSConnections: number | null;
  readonly port: number | null;
  readonly securityLayer: number | null;
  readonly userAuthentication: number | null;
  readonly minEncryptionLevel: number | null;
  /** Upper-case hex thumbprint of a custom certificate; null = self-signed is used. */
  readonly sslCertificateSHA1Hash: string | null;
  readonly maxInstanceCount: number | null;
  /** CurrentVersion EditionID ("Professional", "Core" …) and ProductName; null when not read. */
  readonly editionId: string | null;
  readonly productName: string | null;
  readonly policy: {
    readonly fDenyTSConnections: number | null;
    readonly securityLayer: number | null;
    readonly userAuthentication: number | null;
    readonly minEncryptionLevel: number | null;
    readonly maxInstanceCount: number | null;
    readonly fSingleSessionPerUser: number | null;
  };
}

/** Parses `server-rdp-registry` output. */
export function parseRdpRegistry(stdout: string): RdpRegistry {
  const name = SERVER_COLLECTORS.rdpRegistry;
  const root = parseJsonObject(name, stdout);
  const ts = obj(root, 'terminalServer');
  const tcp = obj(root, 'rdpTcp');
  const pol = obj(root, 'policy');
  if (!ts && !tcp && !pol) badOutput(name, 'none of terminalServer, rdpTcp, policy is present');
  return {
    fDenyTSConnections: dword(ts, 'fDenyTSConnections'),
    port: dword(tcp, 'PortNumber'),
    securityLayer: dword(tcp, 'SecurityLayer'),
    userAuthentication: dword(tcp, 'UserAuthentication'),
    minEncryptionLevel: dword(tcp, 'MinEncryptionLevel'),
    sslCertificateSHA1Hash: tcp ? normalizeHex(str(tcp, 'SSLCertificateSHA1Hash')) : null,
    maxInstanceCount: dword(tcp, 'MaxInstanceCount'),
    editionId: str(obj(root, 'edition') ?? {}, 'EditionID'),
    productName: str(obj(root, 'edition') ?? {}, 'ProductName'),
    policy: {
      fDenyTSConnections: dword(pol, 'fDenyTSConnections'),
      securityLayer: dword(pol, 'SecurityLayer'),
      userAuthentication: dword(pol, 'UserAuthentication'),
      minEncryptionLevel: dword(pol, 'MinEncryptionLevel'),
      maxInstanceCount: dword(pol, 'MaxInstanceCount'),
      fSingleSessionPerUser: dword(pol, 'fSingleSessionPerUser'),
    },
  };
}

/**
 * True for the Home editions (EditionID Core, CoreN, CoreSingleLanguage, CoreCountrySpecific): they have no Remote
 * Desktop host, so no setting and no firewall rule makes them accept a connection (Microsoft Learn, "How to use Remote
 * Desktop": Windows Home cannot be connected to). Server Core installations report a Server* EditionID, not Core.
 */
export function isHomeEdition(editionId: string | null): boolean {
  return editionId !== null && /^Core/i.test(editionId);
}

/** A setting as it applies: its value and whether a policy, the local key or the Windows default set it. */
export interface EffectiveSetting {
  readonly value: number;
  readonly source: 'policy' | 'local' | 'default';
  readonly local: number | null;
  readonly policy: number | null;
}

/** A value under Policies wins over the WinStations value (docs/windows.md#policy-and-precedence); neither = the Windows default. */
export function effectiveSetting(local: number | null, policy: number | null, fallback: number): EffectiveSetting {
  if (policy !== null) return { value: policy, source: 'policy', local, policy };
  if (local !== null) return { value: local, source: 'local', local, policy };
  return { value: fallback, source: 'default', local, policy };
}

/** SecurityLayer names (0 RDP, 1 Negotiate, 2 TLS). */
export const SECURITY_LAYER_NAMES: Readonly<Record<number, string>> = { 0: 'RDP security', 1: 'Negotiate', 2: 'TLS' };
/** MinEncryptionLevel names. */
export const ENCRYPTION_LEVEL_NAMES: Readonly<Record<number, string>> = { 1: 'Low', 2: 'Client compatible', 3: 'High', 4: 'FIPS' };

/** One SCHANNEL server protocol key. */
export interface SchannelProtocol {
  readonly protocol: string;
  readonly keyPresent: boolean;
  readonly enabled: number | null;
  readonly disabledByDefault: number | null;
  /** On or off as the key says; null = no value, the OS default applies. */
  readonly isOn: boolean | null;
}

/** Parsed `server-schannel` output. */
export interface SchannelState {
  readonly protocols: readonly SchannelProtocol[];
  readonly fipsEnabled: boolean | null;
  readonly osBuild: number | null;
}

/** Parses `server-schannel` output; Enabled=0 or DisabledByDefault≠0 turns a protocol off for the server. */
export function parseSchannel(stdout: string): SchannelState {
  const name = SERVER_COLLECTORS.schannel;
  const root = parseJsonObject(name, stdout);
  if (!('protocols' in root)) badOutput(name, 'no protocols list');
  const protocols = asList(root['protocols']).flatMap((p): SchannelProtocol[] => {
    const protocol = str(p, 'protocol');
    if (!protocol) return [];
    const enabled = dword(p, 'Enabled');
    const disabledByDefault = dword(p, 'DisabledByDefault');
    let isOn: boolean | null = null;
    if (enabled === 0 || (disabledByDefault !== null && disabledByDefault !== 0)) isOn = false;
    else if (enabled !== null) isOn = true;
    return [{ protocol, keyPresent: bool(p, 'keyPresent') ?? false, enabled, disabledByDefault, isOn }];
  });
  const fips = int(root, 'fipsEnabled');
  return { protocols, fipsEnabled: fips === null ? null : fips !== 0, osBuild: int(root, 'osBuild') };
}

/** Whether a server protocol is usable: the key decides; without one, TLS 1.2 is on from build 9200 (Windows 8 / 2012). */
export function isProtocolOn(state: SchannelState, protocol: string): boolean | null {
  const p = state.protocols.find((x) => x.protocol === protocol);
  if (p && p.isOn !== null) return p.isOn;
  if (protocol === 'TLS 1.2') return state.osBuild === null ? null : state.osBuild >= 9200;
  return null;
}

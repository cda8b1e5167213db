/** Parses the VPN/route and security-software collectors (docs/windows.md#vpn-and-security-software); VPN detection is a heuristic. */
import { asList, bool, int, parseJsonObject, str } from '../server/parse-util';

// Adapter descriptions of common VPN clients and tunnel drivers (docs/windows.md#vpn-and-security-software, heuristic).
const VPN_ADAPTER =
  /TAP-Windows|Wintun|WireGuard|Fortinet|FortiClient|PANGP|Palo Alto|GlobalProtect|AnyConnect|Cisco Secure Client|Juniper|Pulse Secure|Ivanti|OpenVPN|NordLynx|Zscaler|Check Point|SonicWall|Tailscale|ZeroTier|WAN Miniport \((?:IKEv2|L2TP|PPTP|SSTP)\)|PPP Adapter/i;

/** One network adapter that is up. */
export interface UpAdapter {
  readonly name: string;
  readonly description: string;
  readonly ifIndex: number | null;
  /** Looks like a VPN client's or tunnel driver's adapter. */
  readonly isVpn: boolean;
}

/** Which interface carries traffic to one of the target's addresses. */
export interface TargetRoute {
  readonly address: string;
  readonly interfaceAlias: string | null;
  readonly interfaceIndex: number | null;
  readonly nextHop: string | null;
  readonly sourceAddress: string | null;
  readonly error: string | null;
  /** The interface is one of the VPN adapters. */
  readonly viaVpn: boolean;
}

/** The parsed `client-vpn` output. */
export interface VpnState {
  readonly target: string | null;
  readonly addresses: readonly string[];
  readonly adapters: readonly UpAdapter[];
  readonly vpnProfiles: readonly { readonly name: string; readonly server: string | null; readonly status: string | null }[];
  readonly routes: readonly TargetRoute[];
  /** A VPN adapter is up or a built-in VPN profile is connected. */
  readonly isVpnUp: boolean;
  /** At least one route to the target goes through a VPN adapter. */
  readonly isTargetViaVpn: boolean;
  /** Default routes (0.0.0.0/0, ::/0) with the VPN flag: a VPN default route means a full tunnel. */
  readonly defaultRoutes: readonly { readonly interfaceAlias: string | null; readonly nextHop: string | null; readonly routeMetric: number | null; readonly viaVpn: boolean }[];
}

/** True when an adapter's description or name looks like a VPN. */
export function isVpnAdapter(name: string, description: string): boolean {
  return VPN_ADAPTER.test(description) || VPN_ADAPTER.test(name);
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Parses `client-vpn`. */
export function parseVpnOutput(stdout: string): VpnState {
  const o = parseJsonObject('client-vpn', stdout);
  const adapters = asList(o['adapters']).map((a) => {
    const name = str(a, 'name') ?? '';
    const description = str(a, 'description') ?? '';
    return { name, description, ifIndex: int(a, 'ifIndex'), isVpn: isVpnAdapter(name, description) };
  });
  const profiles = asList(o['vpnProfiles']).map((p) => ({ name: str(p, 'name') ?? '?', server: str(p, 'server'), status: str(p, 'status') }));
  const vpnIndexes = new Set(adapters.filter((a) => a.isVpn).map((a) => a.ifIndex));
  const vpnNames = new Set([...adapters.filter((a) => a.isVpn).map((a) => a.name.toLowerCase()), ...profiles.map((p) => p.name.toLowerCase())]);
  const viaVpn = (index: number | null, alias: string | null): boolean => (index !== null && vpnIndexes.has(index)) || (alias !== null && vpnNames.has(alias.toLowerCase()));
  const routes = asList(o['routes']).map((r) => {
    const alias = str(r, 'interfaceAlias');
    const index = int(r, 'interfaceIndex');
    return {
      address: str(r, 'address') ?? '?',
      interfaceAlias: alias,
      interfaceIndex: index,
      nextHop: str(r, 'nextHop'),
      sourceAddress: str(r, 'sourceAddress'),
      error: str(r, 'error'),
      viaVpn: viaVpn(index, alias),
    };
  });
  const defaultRoutes = asList(o['defaultRoutes']).map((r) => {
    const alias = str(r, 'interfaceAlias');
    return { interfaceAlias: alias, nextHop: str(r, 'nextHop'), routeMetric: int(r, 'routeMetric'), viaVpn: viaVpn(int(r, 'interfaceIndex'), alias) };
  });
  return {
    defaultRoutes,
    target: str(o, 'target'),
    addresses: stringList(o['addresses']),
    adapters,
    vpnProfiles: profiles,
    routes,
    isVpnUp: adapters.some((a) => a.isVpn) || profiles.some((p) => /^connected$/i.test(p.status ?? '')),
    isTargetViaVpn: routes.some((r) => r.viaVpn),
  };
}

/** One product registered with Windows Security Center. */
export interface SecurityProduct {
  readonly displayName: string;
  readonly productState: number | null;
  /** productState bits 0xF000 = 0x1000 (community decoding; undocumented by Microsoft, docs/windows.md#vpn-and-security-software). */
  readonly isEnabled: boolean | null;
  /** Owner bits 0x0F00 = 0x100 means Microsoft. */
  readonly isMicrosoft: boolean;
}

/** The parsed `client-security-software` output. */
export interface SecuritySoftware {
  /** False on server SKUs, which have no root\SecurityCenter2. */
  readonly securityCenter: boolean;
  readonly antivirus: readonly SecurityProduct[];
  readonly firewall: readonly SecurityProduct[];
  /** Enabled products not made by Microsoft. */
  readonly thirdPartyActive: readonly string[];
}

function product(o: Record<string, unknown>): SecurityProduct {
  const displayName = str(o, 'displayName') ?? '?';
  const state = int(o, 'productState');
  const isMicrosoft = state !== null ? (state & 0x0f00) === 0x100 : /Microsoft|Windows Defender/i.test(displayName);
  return {
    displayName,
    productState: state,
    isEnabled: state === null ? null : (state & 0xf000) === 0x1000,
    isMicrosoft: isMicrosoft || /^(Microsoft|Windows) Defender/i.test(displayName),
  };
}

/** Parses `client-security-software`. */
export function parseSecurityOutput(stdout: string): SecuritySoftware {
  const o = parseJsonObject('client-security-software', stdout);
  const antivirus = asList(o['antivirus']).map(product);
  const firewall = asList(o['firewall']).map(product);
  const thirdPartyActive = [...new Set([...antivirus, ...firewall].filter((p) => !p.isMicrosoft && p.isEnabled !== false).map((p) => p.displayName))];
  return { securityCenter: bool(o, 'securityCenter') ?? true, antivirus, firewall, thirdPartyActive };
}

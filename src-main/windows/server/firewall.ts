/** Parser and judgement for the Remote Desktop firewall group (@FirewallAPI.dll,-28752), profiles and networks. */
import { SERVER_COLLECTORS } from './scripts';
import { asList, badOutput, enumName, parseJsonObject, str, textList, type JsonObject } from './parse-util';

/** One rule of the Remote Desktop group. Enum fields are names (PowerShell 5.1 numbers are mapped). */
export interface FirewallRule {
  readonly name: string;
  readonly displayName: string;
  readonly enabled: boolean;
  /** Any, or a comma list of Domain, Private, Public. */
  readonly profile: string;
  readonly direction: string;
  readonly action: string;
  readonly protocol: string;
  readonly localPorts: readonly string[];
  /** Application filter: Any, or a program path (svchost.exe for TermService). */
  readonly program: string;
  /** Service filter (Any, or a service name such as termservice). */
  readonly service: string;
}

/** One firewall profile's switch and default. */
export interface FirewallProfile {
  readonly name: string;
  /** False only when the profile is switched off. */
  readonly enabled: boolean;
  readonly defaultInboundAction: string;
}

/** Parsed `server-firewall` output. */
export interface FirewallState {
  readonly rules: readonly FirewallRule[];
  readonly profiles: readonly FirewallProfile[];
  /** Network categories of connected networks: Public, Private, DomainAuthenticated. */
  readonly networks: readonly { readonly interfaceAlias: string; readonly category: string }[];
}

const ENABLED: Record<number, string> = { 1: 'True', 2: 'False' };
const PROFILE: Record<number, string> = { 0: 'Any', 1: 'Domain', 2: 'Private', 3: 'Domain, Private', 4: 'Public', 5: 'Domain, Public', 6: 'Private, Public', 7: 'Domain, Private, Public' };
const DIRECTION: Record<number, string> = { 1: 'Inbound', 2: 'Outbound' };
const ACTION: Record<number, string> = { 0: 'NotConfigured', 2: 'Allow', 4: 'Block' };
const CATEGORY: Record<number, string> = { 0: 'Public', 1: 'Private', 2: 'DomainAuthenticated' };
const GPO_BOOL: Record<number, string> = { 0: 'False', 1: 'True', 2: 'NotConfigured' };

function parseRule(r: JsonObject): FirewallRule | null {
  const name = str(r, 'name');
  if (!name) return null;
  return {
    name,
    displayName: str(r, 'displayName') ?? name,
    enabled: (enumName(r['enabled'], ENABLED) ?? '').toLowerCase() === 'true',
    profile: enumName(r['profile'], PROFILE) ?? 'Any',
    direction: enumName(r['direction'], DIRECTION) ?? 'Inbound',
    action: enumName(r['action'], ACTION) ?? 'Allow',
    protocol: str(r, 'protocol') ?? '',
    localPorts: textList(r['localPort']),
    program: str(r, 'program') || 'Any',
    service: str(r, 'service') || 'Any',
  };
}

/** Parses `server-firewall` output. */
export function parseFirewall(stdout: string): FirewallState {
  const name = SERVER_COLLECTORS.firewall;
  const root = parseJsonObject(name, stdout);
  if (!('rules' in root) || !('profiles' in root)) badOutput(name, 'no rules or profiles list');
  return {
    rules: asList(root['rules']).map(parseRule).filter((r): r is FirewallRule => r !== null),
    profiles: asList(root['profiles']).flatMap((p) => {
      const n = str(p, 'name');
      return n ? [{ name: n, enabled: (enumName(p['enabled'], GPO_BOOL) ?? 'True').toLowerCase() !== 'false', defaultInboundAction: enumName(p['defaultInboundAction'], ACTION) ?? 'NotConfigured' }] : [];
    }),
    networks: asList(root['networks']).map((n) => ({ interfaceAlias: str(n, 'interfaceAlias') ?? '', category: enumName(n['networkCategory'], CATEGORY) ?? 'Unknown' })),
  };
}

/** Which firewall profile a network category falls under. */
function profileOf(category: string): string {
  if (/domain/i.test(category)) return 'Domain';
  if (/private/i.test(category)) return 'Private';
  return 'Public';
}

function ruleCovers(rule: FirewallRule, profile: string): boolean {
  return /\bany\b/i.test(rule.profile) || rule.profile.split(/\s*,\s*/).some((p) => p.toLowerCase() === profile.toLowerCase());
}

/** True when the rule's program and service filters admit TermService (svchost.exe hosting termservice). */
function admitsTermService(rule: FirewallRule): boolean {
  const programOk = /^any$/i.test(rule.program) || /(^|\\)svchost\.exe$/i.test(rule.program);
  const serviceOk = /^any$/i.test(rule.service) || /^termservice$/i.test(rule.service);
  return programOk && serviceOk;
}

function portCovered(rule: FirewallRule, port: number): boolean {
  if (rule.localPorts.length === 0) return true;
  return rule.localPorts.some((p) => {
    if (/^any$/i.test(p)) return true;
    const range = /^(\d+)-(\d+)$/.exec(p);
    if (range) return port >= Number(range[1]) && port <= Number(range[2]);
    return Number(p) === port;
  });
}

/** The firewall judged for TCP on `port` in each profile that a connected network uses (all enabled profiles if none known). */
export interface FirewallVerdict {
  /** Profiles that matter now, with whether an enabled inbound TCP allow rule of the group opens the port. */
  readonly profiles: readonly { readonly profile: string; readonly firewallOn: boolean; readonly isAllowed: boolean }[];
  readonly isBlocked: boolean;
  readonly enabledTcpRules: readonly string[];
  /** Enabled group rules whose port list does not include the configured port (it was changed). */
  readonly rulesMissingPort: readonly string[];
  readonly hasGroupRules: boolean;
}

/** Judges whether the Remote Desktop group lets TCP `port` in on the profiles in use. */
export function judgeFirewall(state: FirewallState, port: number): FirewallVerdict {
  // The Shadow rule (RdpSa.exe) is in the group too but does not admit TermService.
  const inboundTcp = state.rules.filter(
    (r) => r.enabled && /^in/i.test(r.direction) && /^allow$/i.test(r.action) && (r.protocol === '' || /^tcp$|^6$/i.test(r.protocol)) && admitsTermService(r),
  );
  const used = state.networks.length > 0 ? [...new Set(state.networks.map((n) => profileOf(n.category)))] : state.profiles.map((p) => p.name);
  const profiles = used.map((profile) => {
    const p = state.profiles.find((x) => x.name.toLowerCase() === profile.toLowerCase());
    const firewallOn = p ? p.enabled : true;
    const isAllowed = !firewallOn || inboundTcp.some((r) => ruleCovers(r, profile) && portCovered(r, port));
    return { profile, firewallOn, isAllowed };
  });
  return {
    profiles,
    // With connected networks known, one blocked profile in use is enough; otherwise only when no profile allows.
    isBlocked: state.networks.length > 0 ? profiles.some((p) => !p.isAllowed) : profiles.length > 0 && profiles.every((p) => !p.isAllowed),
    enabledTcpRules: inboundTcp.map((r) => r.name),
    rulesMissingPort: inboundTcp.filter((r) => !portCovered(r, port)).map((r) => r.name),
    hasGroupRules: state.rules.length > 0,
  };
}

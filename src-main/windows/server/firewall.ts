/**
 * Parser and judgement of the host firewall for Remote Desktop: the built-in group (@FirewallAPI.dll,-28752) and every
 * other enabled inbound allow rule for TCP (Microsoft's steps for a changed port add such a rule outside the group),
 * the profiles and the networks in use.
 */
import { SERVER_COLLECTORS } from './scripts';
import { asList, badOutput, enumName, parseJsonObject, str, textList, type JsonObject } from './parse-util';

/** One inbound rule. Enum fields are names (PowerShell 5.1 numbers are mapped). */
export interface FirewallRule {
  readonly name: string;
  readonly displayName: string;
  /** The rule group (@FirewallAPI.dll,-28752 for Remote Desktop), or null. */
  readonly group: string | null;
  readonly enabled: boolean;
  /** Any, or a comma list of Domain, Private, Public. */
  readonly profile: string;
  readonly direction: string;
  readonly action: string;
  readonly protocol: string;
  readonly localPorts: readonly string[];
  /** Remote address filter: Any, or the addresses and ranges allowed in. */
  readonly remoteAddresses: readonly string[];
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
  /** The Remote Desktop group's rules, enabled or not. */
  readonly rules: readonly FirewallRule[];
  /** Enabled inbound allow and block rules for TCP outside the group (none in recordings made before the collector read them). */
  readonly otherRules: readonly FirewallRule[];
  readonly profiles: readonly FirewallProfile[];
  /** Network categories of connected networks: Public, Private, DomainAuthenticated. */
  readonly networks: readonly { readonly interfaceAlias: string; readonly category: string }[];
}

const ENABLED: Record<number, string> = { 1: 'True', 2: 'False' };
const PROFILE: Record<number, string> = {
  0: 'Any',
  1: 'Domain',
  2: 'Private',
  3: 'Domain, Private',
  4: 'Public',
  5: 'Domain, Public',
  6: 'Private, Public',
  7: 'Domain, Private, Public',
};
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
    group: str(r, 'group') || null,
    enabled: (enumName(r['enabled'], ENABLED) ?? '').toLowerCase() === 'true',
    profile: enumName(r['profile'], PROFILE) ?? 'Any',
    direction: enumName(r['direction'], DIRECTION) ?? 'Inbound',
    action: enumName(r['action'], ACTION) ?? 'Allow',
    protocol: str(r, 'protocol') ?? '',
    localPorts: textList(r['localPort']),
    remoteAddresses: textList(r['remoteAddress']),
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
    rules: asList(root['rules'])
      .map(parseRule)
      .filter((r): r is FirewallRule => r !== null),
    otherRules: asList(root['otherRules'])
      .map(parseRule)
      .filter((r): r is FirewallRule => r !== null),
    profiles: asList(root['profiles']).flatMap((p) => {
      const n = str(p, 'name');
      return n
        ? [
            {
              name: n,
              enabled: (enumName(p['enabled'], GPO_BOOL) ?? 'True').toLowerCase() !== 'false',
              defaultInboundAction: enumName(p['defaultInboundAction'], ACTION) ?? 'NotConfigured',
            },
          ]
        : [];
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
  /** Profiles that matter now, whether an enabled inbound TCP allow rule opens the port there, and which rules do. */
  readonly profiles: readonly {
    readonly profile: string;
    readonly firewallOn: boolean;
    readonly isAllowed: boolean;
    readonly allowedBy: readonly string[];
    /** Enabled block rules for the port there: a block rule wins over every allow rule. */
    readonly blockedBy: readonly string[];
  }[];
  readonly isBlocked: boolean;
  /** Enabled inbound TCP allow rules of the Remote Desktop group. */
  readonly enabledTcpRules: readonly string[];
  /** Enabled group rules whose port list does not include the configured port (it was changed). */
  readonly rulesMissingPort: readonly string[];
  readonly hasGroupRules: boolean;
  /** Rules outside the group that let the port in on a profile in use. */
  readonly otherAllowRules: readonly string[];
}

/** True for an enabled inbound rule with `action` (Allow or Block) for TCP that applies to TermService's traffic. */
function inboundTcp(r: FirewallRule, action: 'allow' | 'block'): boolean {
  return r.enabled && /^in/i.test(r.direction) && r.action.toLowerCase() === action && (r.protocol === '' || /^(tcp|6|any)$/i.test(r.protocol)) && admitsTermService(r);
}

/** Judges whether any enabled inbound allow rule (the Remote Desktop group's or another) lets TCP `port` in on the profiles in use. */
export function judgeFirewall(state: FirewallState, port: number): FirewallVerdict {
  // The Shadow rule (RdpSa.exe) is in the group too but does not admit TermService.
  const group = state.rules.filter((r) => inboundTcp(r, 'allow'));
  const others = state.otherRules.filter((r) => inboundTcp(r, 'allow'));
  const blocks = [...state.rules, ...state.otherRules].filter((r) => inboundTcp(r, 'block'));
  const used = state.networks.length > 0 ? [...new Set(state.networks.map((n) => profileOf(n.category)))] : state.profiles.map((p) => p.name);
  const profiles = used.map((profile) => {
    const p = state.profiles.find((x) => x.name.toLowerCase() === profile.toLowerCase());
    const firewallOn = p ? p.enabled : true;
    const covers = (r: FirewallRule): boolean => ruleCovers(r, profile) && portCovered(r, port);
    const allowedBy = [...group, ...others].filter(covers).map((r) => r.displayName);
    const blockedBy = blocks.filter(covers).map((r) => r.displayName);
    return { profile, firewallOn, isAllowed: !firewallOn || (allowedBy.length > 0 && blockedBy.length === 0), allowedBy, blockedBy };
  });
  const inUse = new Set(profiles.flatMap((p) => p.allowedBy));
  return {
    profiles,
    // With connected networks known, one blocked profile in use is enough; otherwise only when no profile allows.
    isBlocked: state.networks.length > 0 ? profiles.some((p) => !p.isAllowed) : profiles.length > 0 && profiles.every((p) => !p.isAllowed),
    enabledTcpRules: group.map((r) => r.name),
    rulesMissingPort: group.filter((r) => !portCovered(r, port)).map((r) => r.name),
    hasGroupRules: state.rules.length > 0,
    otherAllowRules: others.filter((r) => inUse.has(r.displayName)).map((r) => r.displayName),
  };
}

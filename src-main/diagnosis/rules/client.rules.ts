/** Diagnosis rules for the client evidence: .rdp files, UDP, VPN, security software, reboot (signing in: credentials.rules). */
import type { Rule } from '../types';
import { clientBuild, clientEventSignals, hasFailed, serverBuild } from './client-evidence';
import { credentialRules } from './credentials.rules';
import { ranEvidence, statusOf } from './evidence';

/** Windows 11 24H2 / Server 2025 and later (UDP drops against Server 2016 hosts, a field report: docs/windows.md#known-windows-problems). */
const BUILD_24H2 = 26100;
/** Windows Server 2016 / Windows 10 1607. */
const BUILD_2016 = 14393;

/** A .rdp file for this target that is broken or contradicts itself. */
const rdpFileInvalid: Rule = (ev) => {
  const e = ranEvidence(ev, 'client.rdp-files');
  if (!e || statusOf(ev, 'client.rdp-files') === 'pass') return [];
  const bad = e.files
    .map((f) => ({ name: f.name, path: f.path, issues: f.issues.filter((i) => i.severity === 'error' || i.severity === 'warning') }))
    .filter((f) => f.issues.length > 0);
  if (bad.length === 0) return [];
  const hasError = bad.some((f) => f.issues.some((i) => i.severity === 'error'));
  const first = bad[0];
  return [
    {
      id: 'rdp-file-invalid',
      confidence: hasError ? 0.6 : 0.35,
      severity: hasError ? 'medium' : 'low',
      // Say what is wrong (a broken value, NLA off, a password in clear text…), not a generic "contradicts itself".
      explanation: `The saved connection file ${first?.name ?? ''} has ${hasError ? 'an error' : 'a problem'}: ${first?.issues[0]?.message ?? ''} A clean file for ${ev.target.host} avoids that.`,
      technical: bad.map((f) => `${f.path}: ${f.issues.map((i) => i.code).join(', ')}`).join('; '),
      checks: ['client.rdp-files'],
      fixes: ['rdpfile.generate-clean'],
      evidence: { files: bad.map((f) => ({ path: f.path, codes: f.issues.map((i) => i.code) })) },
    },
  ];
};

/** UDP transport that drops: 1105 events, made likelier by a 24H2 client or a Server 2016 host (a field report: docs/windows.md#known-windows-problems). */
const clientUdpUnstable: Rule = (ev) => {
  const policy = ranEvidence(ev, 'client.policy');
  if (policy?.isUdpDisabled === true) return [];
  const signals = clientEventSignals(ev);
  const cBuild = clientBuild(ev);
  const sBuild = serverBuild(ev);
  const newClient = cBuild !== null && cBuild >= BUILD_24H2;
  const oldServer = sBuild === BUILD_2016;
  if (signals.udpDrops === 0 && !(newClient && oldServer)) return [];
  const confidence = Math.min(0.75, (signals.udpDrops > 0 ? 0.35 : 0.15) + (newClient ? 0.15 : 0) + (oldServer ? 0.15 : 0));
  return [
    {
      id: 'client-udp-unstable',
      confidence,
      explanation:
        'Remote Desktop also uses UDP for speed, and on this computer that UDP connection has been dropping. Switching the client to TCP only is a safe change that often stops such disconnects.',
      technical: `${signals.udpDrops} attempt(s) with event 1105 (multi-transport disconnected); client build ${cBuild ?? '?'}, server build ${sBuild ?? '?'}.`,
      checks: ['client.events', 'client.versions', ...(sBuild !== null ? (['credssp.ntlm-info'] as const) : [])],
      fixes: ['client.disable-udp'],
      evidence: { udpDrops: signals.udpDrops, clientBuild: cBuild, serverBuild: sBuild, disconnectReasons: [...signals.reasons] },
    },
  ];
};

/** The route to the target runs through a VPN. */
const vpnActive: Rule = (ev) => {
  const e = ranEvidence(ev, 'client.vpn');
  if (!e || e.isTargetViaVpn !== true) return [];
  const routes = e.routes.filter((r) => r.viaVpn);
  const adapters = e.adapters.filter((a) => a.isVpn).map((a) => a.description || a.name);
  const failing = hasFailed(ev, 'net.tcp') || clientEventSignals(ev).failedAttempts > 0;
  return [
    {
      id: 'vpn-active',
      confidence: failing ? 0.35 : 0.2,
      explanation: `Your connection to ${ev.target.host} goes through a VPN (${adapters.join(', ') || 'a tunnel adapter'}). VPNs can block the Remote Desktop port or cut long connections; try once with the VPN off, or ask whoever runs the VPN whether RDP is allowed.`,
      technical: routes.map((r) => `${r.address} via ${r.interfaceAlias ?? '?'} (next hop ${r.nextHop ?? '?'})`).join('; '),
      checks: ['client.vpn'],
      fixes: [],
      evidence: { routes, adapters },
    },
  ];
};

/** Third-party security software on a client whose connections die in the TLS/CredSSP stage. */
const securitySoftwareInterference: Rule = (ev) => {
  const products = ranEvidence(ev, 'client.security-software')?.thirdPartyActive ?? [];
  if (products.length === 0) return [];
  const signals = clientEventSignals(ev);
  const tlsTrouble = signals.sslStateErrors.length > 0 || hasFailed(ev, 'tls.handshake') || signals.reasons.includes(2308);
  if (!tlsTrouble) return [];
  return [
    {
      id: 'security-software-interference',
      confidence: signals.sslStateErrors.length > 0 ? 0.3 : 0.2,
      explanation: `${products.join(', ')} ${products.length === 1 ? 'is' : 'are'} active on this computer. Some security products inspect or block encrypted connections, which can break Remote Desktop during its secure handshake. Pausing the product's web or network protection briefly shows whether it is involved.`,
      technical: `Third-party products: ${products.join(', ')}; ${signals.sslStateErrors.length} SSL state error(s) (event 226), 1026 reasons ${signals.reasons.join(', ') || 'none'}.`,
      checks: ['client.security-software', ...(signals.ran ? (['client.events'] as const) : [])],
      fixes: [],
      evidence: { products, sslStateErrors: signals.sslStateErrors.slice(0, 3), disconnectReasons: [...signals.reasons] },
    },
  ];
};

/** Updates wait for a restart. */
const pendingReboot: Rule = (ev) => {
  const e = ranEvidence(ev, 'client.updates');
  if (!e || !e.isRebootPending) return [];
  return [
    {
      id: 'pending-reboot',
      confidence: 0.25,
      explanation:
        'This computer has installed updates that wait for a restart. Half-installed updates can change how Remote Desktop and its security work; restart the computer and try again.',
      technical: `CBS RebootPending=${e.cbsRebootPending}, WU RebootRequired=${e.wuRebootRequired}, ${e.pendingFileRenames} pending file renames.`,
      checks: ['client.updates'],
      fixes: [],
      evidence: { cbsRebootPending: e.cbsRebootPending, wuRebootRequired: e.wuRebootRequired, lastBootUtc: e.lastBootUtc },
    },
  ];
};

/** The client rules, in no particular order (ranking orders findings). */
export const clientRules: readonly Rule[] = [...credentialRules, rdpFileInvalid, clientUdpUnstable, vpnActive, securitySoftwareInterference, pendingReboot];

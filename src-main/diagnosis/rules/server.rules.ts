/** Diagnosis rules for the server evidence: what the host's own state says about why it refuses connections. */
import type { FindingDraft, Rule } from '../types';
import { evidenceOf, ranEvidence } from './evidence';
import { eventSignals } from './server-evidence';
import { serverCertificateRules } from './server-certificate.rules';

/** A Home edition: it has no Remote Desktop host, so no setting, service or firewall fix can make it accept one. */
function isHomeEdition(ev: Parameters<Rule>[0]): boolean {
  return ranEvidence(ev, 'server.rdp-enabled')?.isHomeEdition === true;
}

/** The edition cannot host Remote Desktop (Home): said plainly, with no fix offered that could never work. */
const editionCannotHost: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.rdp-enabled');
  if (!e?.isHomeEdition) return [];
  const product = e.productName ?? 'This Home edition of Windows';
  return [
    {
      id: 'server-edition-cannot-host',
      confidence: 0.98,
      explanation: `${product} cannot be connected to with Remote Desktop: only the Pro, Enterprise, Education and Server editions can. Turning Remote Desktop on or opening the firewall cannot change that; upgrading the computer to Windows Pro can, or use another way to reach it (such as Quick Assist).`,
      technical: `EditionID ${e.editionId ?? '?'} (a Home edition: no Remote Desktop host, no listener).`,
      checks: ['server.rdp-enabled'],
      fixes: [],
      evidence: { editionId: e.editionId, productName: e.productName },
    },
  ];
};

/** Remote Desktop is switched off (fDenyTSConnections=1). */
const rdpDisabled: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.rdp-enabled');
  if (!e || e.isEnabled || isHomeEdition(ev)) return [];
  const deny = e.fDenyTSConnections;
  const byPolicy = deny.source === 'policy';
  return [
    {
      id: 'server-rdp-disabled',
      confidence: 0.95,
      explanation: `Remote Desktop is switched off on this computer, so it turns every connection away.${byPolicy ? ' A group policy from your organisation switches it off, so ask IT before changing it.' : ''}`,
      technical: `fDenyTSConnections=${deny.value} (${deny.source}) under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server${byPolicy ? ' (policy copy under Policies\\…\\Terminal Services wins)' : ''}.`,
      checks: ['server.rdp-enabled'],
      fixes: ['server.enable-rdp'],
      evidence: { fDenyTSConnections: deny },
    },
  ];
};

/** TermService not running; nothing listens; another program holds the port; a port other than the one dialled. */
const serviceAndPort: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.listener');
  if (!e || isHomeEdition(ev)) return [];
  const out: FindingDraft[] = [];
  const port = e.configuredPort;
  const target = e.targetPort;
  const term = e.services.find((s) => s.name === 'TermService');
  if (!e.termServiceRunning) {
    out.push({
      id: 'server-termservice-stopped',
      confidence: 0.95,
      explanation: 'The Remote Desktop service on this computer is not running, so nothing answers when someone connects.',
      technical: `TermService state ${term?.state ?? 'absent'}, start mode ${term?.startMode ?? 'n/a'}.`,
      checks: ['server.listener'],
      fixes: ['server.restart-termservice'],
      evidence: { termService: term ?? null },
    });
    return out;
  }
  const otherPorts = e.termServiceOtherPorts;
  if (e.squatter) {
    out.push({
      id: 'server-port-not-listening',
      confidence: 0.9,
      explanation: `Another program (${e.squatter.name ?? 'unknown'}) has taken the Remote Desktop port on this computer, so connections reach the wrong program.`,
      technical: `Port ${port} is owned by PID ${e.squatter.pid ?? '?'} (${e.squatter.name ?? '?'}), not TermService PID ${e.termServicePid ?? '?'}.`,
      checks: ['server.listener'],
      fixes: [],
      evidence: { configuredPort: port, squatter: e.squatter },
    });
  } else if (!e.listeningOnConfiguredPort) {
    out.push({
      id: otherPorts.length ? 'server-port-mismatch' : 'server-port-not-listening',
      confidence: otherPorts.length ? 0.8 : 0.85,
      explanation: otherPorts.length
        ? `Remote Desktop on this computer still uses port ${otherPorts.join(', ')}; the new port ${port} takes effect only after the service restarts.`
        : `The Remote Desktop service runs but does not listen on port ${port}, so connections are refused. Restarting the service usually brings the listener back.`,
      technical: `No TCP listener on configured PortNumber ${port}; TermService listens on [${otherPorts.join(', ')}].`,
      checks: ['server.listener'],
      fixes: ['server.restart-termservice'],
      evidence: { configuredPort: port, termServiceOtherPorts: otherPorts },
    });
  }
  if (port !== target && e.listeningOnConfiguredPort) {
    // A changed port refuses the connection on the old one (nothing listens there): that explains a refusal, which a
    // firewall would not give (it drops, and the connect times out).
    const refused = evidenceOf(ev, 'net.tcp')?.verdict === 'refused';
    out.push({
      id: 'server-port-mismatch',
      confidence: refused ? 0.98 : 0.85,
      ...(refused ? { severity: 'critical' as const } : {}),
      explanation: `This computer takes Remote Desktop connections on port ${port}, but the connection is made to port ${target}${refused ? ', where nothing listens, so it is refused' : ''}. Connect to "${ev.target.host.includes(':') ? `[${ev.target.host}]` : ev.target.host}:${port}" instead.`,
      technical: `RDP-Tcp PortNumber=${port}; target port ${target}${refused ? `; net.tcp: port ${target} refused (RST)` : ''}.`,
      checks: refused ? ['server.listener', 'net.tcp'] : ['server.listener'],
      fixes: [],
      evidence: { configuredPort: port, targetPort: target },
    });
  }
  return out;
};

/**
 * The firewall lets the configured port in on no profile in use: no enabled inbound TCP allow rule covers it — the
 * Remote Desktop group's or any other — or a block rule does. Rules alone are a reason, not proof: the block is
 * critical only with evidence that nothing got through (no remote connection in the host's log, a connect that timed
 * out, a dialog that says the network), and connections that did get through, or a refusal (a firewall drops, it does
 * not refuse), speak against it.
 */
const firewallBlocked: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.firewall');
  if (!e || !e.verdict.isBlocked || isHomeEdition(ev)) return [];
  const v = e.verdict;
  const closed = v.profiles.filter((p) => !p.isAllowed);
  const blockRules = [...new Set(closed.flatMap((p) => p.blockedBy))];
  const events = eventSignals(ev);
  const tcp = evidenceOf(ev, 'net.tcp');
  const contradictions: string[] = [];
  if (events.remoteConnections > 0) {
    contradictions.push(
      `Other computers connected ${events.remoteConnections} time(s) in the host's event log (RdpCoreTS 131, the latest ${events.lastRemoteConnectionUtc?.slice(0, 10) ?? 'recently'}), so the firewall let them in.`,
    );
  }
  if (tcp?.verdict === 'refused') {
    contradictions.push(`The connection to port ${tcp.port} was refused, which a blocking firewall does not do: it drops the connection, and the connect times out.`);
  }
  const nothingThrough = events.ran && events.unreadable === 0 && events.remoteConnections === 0;
  const corroborated = tcp?.verdict === 'timeout' || ev.errorHint?.steer === 'network' || nothingThrough;
  const groupOff = v.enabledTcpRules.length === 0;
  const others = e.otherRules.filter((r) => /^allow$/i.test(r.action)).length;
  const profiles = closed.map((p) => p.profile).join(', ');
  return [
    {
      id: 'server-firewall-blocked',
      confidence: contradictions.length > 0 ? 0.45 : corroborated ? 0.9 : 0.65,
      severity: contradictions.length > 0 ? 'medium' : corroborated ? 'critical' : 'high',
      explanation: blockRules.length
        ? `A Windows Firewall rule on this computer (${blockRules.join(', ')}) blocks the Remote Desktop port ${e.port}, so other computers' connection attempts never reach it.`
        : `Windows Firewall on this computer does not let Remote Desktop in on port ${e.port}${groupOff ? ': its Remote Desktop rules are turned off' : ''}, and no other rule opens the port, so other computers' connection attempts never reach it.${!groupOff && v.rulesMissingPort.length ? ` The port was changed: add a rule for TCP ${e.port}, as Microsoft's steps for a changed port do.` : ''}${nothingThrough ? ` No other computer connected in the last ${events.days ?? 7} days, which fits.` : ''}`,
      technical: blockRules.length
        ? `Enabled inbound block rule(s) ${blockRules.join(', ')} cover TCP ${e.port} on profile ${profiles}; a block rule wins over every allow rule.`
        : `No enabled inbound TCP allow rule, of group @FirewallAPI.dll,-28752 (enabled: ${v.enabledTcpRules.join(', ') || 'none'}) or ${others ? `the ${others} other(s) read` : 'any other'}, covers port ${e.port} on profile ${profiles}.`,
      checks: events.ran ? ['server.firewall', 'server.events'] : ['server.firewall'],
      fixes: groupOff && blockRules.length === 0 ? ['server.enable-firewall-rule'] : [],
      evidence: { port: e.port, blockedProfiles: closed.map((p) => p.profile), blockRules, remoteConnections: events.remoteConnections },
      contradictions,
    },
  ];
};

/** TLS 1.2 switched off for the server side; Schannel 36871 agrees when present. */
const tlsDisabled: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.tls-protocols');
  if (!e || e.tls12On !== false) return [];
  const signals = eventSignals(ev);
  const agree = signals.credential > 0;
  return [
    {
      id: 'server-tls-disabled',
      confidence: agree ? 0.95 : 0.85,
      explanation: 'The secure connection method (TLS 1.2) that Remote Desktop clients use is switched off on this computer, so the secure part of the connection cannot start.',
      technical: `SCHANNEL\\Protocols\\TLS 1.2\\Server disabled${e.anyTlsOn === false ? '; no TLS version left on' : ''}${agree ? `; Schannel 36871 ×${signals.credential}` : ''}.`,
      checks: agree ? ['server.tls-protocols', 'server.events'] : ['server.tls-protocols'],
      fixes: ['server.enable-tls12'],
      evidence: { protocols: e.protocols, schannel36871: signals.credential },
    },
  ];
};

/** No room: hard session limit reached, or memory nearly exhausted. */
const outOfResources: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.capacity');
  if (!e || (!e.isFull && e.memoryLow !== 'critical')) return [];
  const full = e.isFull;
  return [
    {
      id: 'server-out-of-resources',
      confidence: full ? 0.75 : 0.6,
      explanation: full
        ? 'This computer already has as many remote sessions as it allows, so it has no room for another one. Someone has to sign out (or be signed out) first.'
        : 'This computer is almost out of memory, so it may not be able to start another session.',
      technical: full
        ? `${e.remoteSessions} remote sessions, limit ${e.sessionLimit ?? '?'} (${e.limitBasis}).`
        : `Free memory ${e.freePercent ?? '?'}% (${e.freeMemoryKB ?? '?'} KB).`,
      checks: ['server.capacity'],
      fixes: [],
      evidence: { remoteSessions: e.remoteSessions, sessionLimit: e.sessionLimit, freePercent: e.freePercent },
    },
  ];
};

/** Host allows only Standard RDP Security. (NLA-required hosts: cross-source rules read `isNlaRequired` with the .rdp.) */
const rdpSecurityOnly: Rule = (ev) => {
  const layer = ranEvidence(ev, 'server.security-layer')?.securityLayer;
  if (!layer || layer.value !== 0) return [];
  return [
    {
      id: 'server-rdp-security-only',
      confidence: 0.8,
      explanation: 'This computer only allows the old Remote Desktop security, which newer or hardened clients refuse and which can be intercepted.',
      technical: `SecurityLayer=0 (${layer.source}).`,
      checks: ['server.security-layer'],
      fixes: ['server.set-security-layer'],
      evidence: { securityLayer: layer },
    },
  ];
};

/** The server rules, in no particular order (ranking orders findings). */
export const serverRules: readonly Rule[] = [
  editionCannotHost,
  rdpDisabled,
  serviceAndPort,
  firewallBlocked,
  tlsDisabled,
  outOfResources,
  rdpSecurityOnly,
  ...serverCertificateRules,
];

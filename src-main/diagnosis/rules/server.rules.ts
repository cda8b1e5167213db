/** Diagnosis rules for the server evidence: what the host's own state says about why it refuses connections. */
import type { FindingDraft, Rule } from '../types';
import { eventSignals, num, ranEvidence, rec, strings } from './server-evidence';
import { serverCertificateRules } from './server-certificate.rules';

/** Remote Desktop is switched off (fDenyTSConnections=1). */
const rdpDisabled: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.rdp-enabled');
  if (!e || e['isEnabled'] !== false) return [];
  const deny = rec(e['fDenyTSConnections']);
  const byPolicy = deny['source'] === 'policy';
  return [
    {
      id: 'server-rdp-disabled',
      confidence: 0.95,
      explanation: `Remote Desktop is switched off on this computer, so it turns every connection away.${byPolicy ? ' A group policy from your organisation switches it off, so ask IT before changing it.' : ''}`,
      technical: `fDenyTSConnections=${String(deny['value'])} (${String(deny['source'])}) under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server${byPolicy ? ' (policy copy under Policies\\…\\Terminal Services wins)' : ''}.`,
      checks: ['server.rdp-enabled'],
      fixes: ['server.enable-rdp'],
      evidence: { fDenyTSConnections: deny },
    },
  ];
};

/** TermService not running; nothing listens; another program holds the port; a port other than the one dialled. */
const serviceAndPort: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.listener');
  if (!e) return [];
  const out: FindingDraft[] = [];
  const port = num(e['configuredPort']);
  const target = num(e['targetPort']) ?? ev.target.port;
  const term = (Array.isArray(e['services']) ? e['services'] : []).map(rec).find((s) => s['name'] === 'TermService');
  if (e['termServiceRunning'] === false) {
    out.push({
      id: 'server-termservice-stopped',
      confidence: 0.95,
      explanation: 'The Remote Desktop service on this computer is not running, so nothing answers when someone connects.',
      technical: `TermService state ${String(term?.['state'] ?? 'absent')}, start mode ${String(term?.['startMode'] ?? 'n/a')}.`,
      checks: ['server.listener'],
      fixes: ['server.restart-termservice'],
      evidence: { termService: term ?? null },
    });
    return out;
  }
  const squatter = rec(e['squatter']);
  const otherPorts = Array.isArray(e['termServiceOtherPorts']) ? e['termServiceOtherPorts'].filter((p): p is number => typeof p === 'number') : [];
  if (e['squatter'] && typeof e['squatter'] === 'object') {
    out.push({
      id: 'server-port-not-listening',
      confidence: 0.9,
      explanation: `Another program (${String(squatter['name'] ?? 'unknown')}) has taken the Remote Desktop port on this computer, so connections reach the wrong program.`,
      technical: `Port ${String(port)} is owned by PID ${String(squatter['pid'])} (${String(squatter['name'])}), not TermService PID ${String(e['termServicePid'])}.`,
      checks: ['server.listener'],
      fixes: [],
      evidence: { configuredPort: port, squatter },
    });
  } else if (e['listeningOnConfiguredPort'] === false) {
    out.push({
      id: otherPorts.length ? 'server-port-mismatch' : 'server-port-not-listening',
      confidence: otherPorts.length ? 0.8 : 0.85,
      explanation: otherPorts.length
        ? `Remote Desktop on this computer still uses port ${otherPorts.join(', ')}; the new port ${String(port)} takes effect only after the service restarts.`
        : `The Remote Desktop service runs but does not listen on port ${String(port)}, so connections are refused. Restarting the service usually brings the listener back.`,
      technical: `No TCP listener on configured PortNumber ${String(port)}; TermService listens on [${otherPorts.join(', ')}].`,
      checks: ['server.listener'],
      fixes: ['server.restart-termservice'],
      evidence: { configuredPort: port, termServiceOtherPorts: otherPorts },
    });
  }
  if (port !== null && port !== target && e['listeningOnConfiguredPort'] === true) {
    out.push({
      id: 'server-port-mismatch',
      confidence: 0.85,
      explanation: `This computer takes Remote Desktop connections on port ${port}, but the connection is made to port ${target}. Connect to "${ev.target.host.includes(':') ? `[${ev.target.host}]` : ev.target.host}:${port}" instead.`,
      technical: `RDP-Tcp PortNumber=${port}; target port ${target}.`,
      checks: ['server.listener'],
      fixes: [],
      evidence: { configuredPort: port, targetPort: target },
    });
  }
  return out;
};

/** The Remote Desktop firewall group does not let the port in on a network profile in use. */
const firewallBlocked: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.firewall');
  const v = rec(e?.['verdict']);
  if (!e || v['isBlocked'] !== true) return [];
  const blocked = (Array.isArray(v['profiles']) ? v['profiles'] : []).map(rec).filter((p) => p['isAllowed'] === false).map((p) => String(p['profile']));
  const rules = strings(v['enabledTcpRules']);
  return [
    {
      id: 'server-firewall-blocked',
      confidence: 0.9,
      explanation: "Windows Firewall on this computer does not let Remote Desktop in, so other computers' connection attempts never reach it.",
      technical: `No enabled inbound TCP allow rule of group @FirewallAPI.dll,-28752 covers port ${String(e['port'])} on profile ${blocked.join(', ')} (enabled TCP rules: ${rules.join(', ') || 'none'}).`,
      checks: ['server.firewall'],
      fixes: ['server.enable-firewall-rule'],
      evidence: { port: e['port'], blockedProfiles: blocked },
    },
  ];
};

/** TLS 1.2 switched off for the server side; Schannel 36871 agrees when present. */
const tlsDisabled: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.tls-protocols');
  if (!e || e['tls12On'] !== false) return [];
  const signals = eventSignals(ev);
  const agree = signals.credential > 0;
  return [
    {
      id: 'server-tls-disabled',
      confidence: agree ? 0.95 : 0.85,
      explanation: 'The secure connection method (TLS 1.2) that Remote Desktop clients use is switched off on this computer, so the secure part of the connection cannot start.',
      technical: `SCHANNEL\\Protocols\\TLS 1.2\\Server disabled${e['anyTlsOn'] === false ? '; no TLS version left on' : ''}${agree ? `; Schannel 36871 ×${signals.credential}` : ''}.`,
      checks: agree ? ['server.tls-protocols', 'server.events'] : ['server.tls-protocols'],
      fixes: ['server.enable-tls12'],
      evidence: { protocols: e['protocols'] ?? [], schannel36871: signals.credential },
    },
  ];
};

/** No room: hard session limit reached, or memory nearly exhausted. */
const outOfResources: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.capacity');
  if (!e || (e['isFull'] !== true && e['memoryLow'] !== 'critical')) return [];
  const full = e['isFull'] === true;
  return [
    {
      id: 'server-out-of-resources',
      confidence: full ? 0.75 : 0.6,
      explanation: full
        ? 'This computer already has as many remote sessions as it allows, so it has no room for another one. Someone has to sign out (or be signed out) first.'
        : 'This computer is almost out of memory, so it may not be able to start another session.',
      technical: full
        ? `${String(e['remoteSessions'])} remote sessions, limit ${String(e['sessionLimit'])} (${String(e['limitBasis'])}).`
        : `Free memory ${String(e['freePercent'])}% (${String(e['freeMemoryKB'])} KB).`,
      checks: ['server.capacity'],
      fixes: [],
      evidence: { remoteSessions: e['remoteSessions'], sessionLimit: e['sessionLimit'], freePercent: e['freePercent'] },
    },
  ];
};

/** Host allows only Standard RDP Security. (NLA-required hosts: cross-source rules read `isNlaRequired` with the .rdp.) */
const rdpSecurityOnly: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.security-layer');
  const layer = rec(e?.['securityLayer']);
  if (!e || layer['value'] !== 0) return [];
  return [
    {
      id: 'server-rdp-security-only',
      confidence: 0.8,
      explanation: 'This computer only allows the old Remote Desktop security, which newer or hardened clients refuse and which can be intercepted.',
      technical: `SecurityLayer=0 (${String(layer['source'])}).`,
      checks: ['server.security-layer'],
      fixes: ['server.set-security-layer'],
      evidence: { securityLayer: layer },
    },
  ];
};

/** The server rules, in no particular order (ranking orders findings). */
export const serverRules: readonly Rule[] = [rdpDisabled, serviceAndPort, firewallBlocked, tlsDisabled, outOfResources, rdpSecurityOnly, ...serverCertificateRules];

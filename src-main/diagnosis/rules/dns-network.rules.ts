/** Diagnosis rules for the name, the path and the gateway: DNS, TCP reachability, latency and loss, RD Gateway. */
import type { FixId } from '../../shared/ids';
import type { Evidence, FindingDraft, Rule } from '../types';
import { evidenceOf, statusOf } from './evidence';
import { certificateNames, dnsAnswer, readGateway } from './network-read';

const where = (ev: Evidence): string => `${ev.target.host}:${ev.target.port}`;

/** The name does not resolve through this computer's resolver (what Remote Desktop uses). */
const dnsUnresolvable: Rule = (ev) => {
  const dns = evidenceOf(ev, 'dns.resolve');
  if (!dns || statusOf(ev, 'dns.resolve') !== 'fail' || ev.target.isAddress) return [];
  const host = ev.target.host;
  const alt = evidenceOf(ev, 'alt.ip-vs-name');
  const working = alt?.verdict === 'ip-only' ? alt.workingAddresses : [];
  const known = working.length > 0 ? working : dns.onlyDns;
  const kind = dns.failure?.kind ?? 'other';
  if (kind === 'reserved-name') {
    return [
      {
        id: 'dns-unresolvable',
        confidence: 0.99,
        explanation: `"${host}" ends in ".invalid", a name that can never exist. Check the computer name for a typo, or ask for the right name or address.`,
        technical: `${host} is under the reserved .invalid TLD (RFC 6761); no lookup was made.`,
        checks: ['dns.resolve'],
        fixes: [],
        evidence: { host, failureKind: kind },
      },
    ];
  }
  const reason: Record<string, string> = {
    nxdomain: `no computer called "${host}" is known to the name servers`,
    'no-data': `the name "${host}" exists but has no address`,
    servfail: 'the name server failed while looking it up',
    refused: 'the name server refused to answer',
    temporary: 'the name server failed or did not answer in time',
    timeout: 'the name server did not answer in time',
    'no-server': 'no name server could be reached (offline, or VPN/DNS settings)',
  };
  const nameServerTrouble = ['servfail', 'refused', 'temporary', 'timeout', 'no-server'].includes(kind);
  const fixes: FixId[] = ['dns.flush'];
  if (known.length > 0) fixes.push('rdpfile.use-ip');
  const knownText =
    known.length > 0
      ? ` The name servers do know it as ${known.join(', ')}${working.length > 0 ? ', and that address answers' : ''}: this computer probably has an outdated cached answer, and flushing the cache or connecting by address works around it.`
      : " If you know the computer's IP address, connecting by address works around it.";
  return [
    {
      id: 'dns-unresolvable',
      confidence: known.length > 0 ? 0.95 : kind === 'nxdomain' ? 0.92 : nameServerTrouble ? 0.85 : 0.8,
      explanation: `This computer cannot find the address of "${host}": ${reason[kind] ?? 'the lookup failed'}. Remote Desktop cannot connect to a name it cannot look up.${knownText}`,
      technical: `getaddrinfo(${host}) failed: ${dns.failure?.code ?? kind} (${dns.failure?.message ?? 'no detail'}); DNS servers ${dns.dnsServers.join(', ') || 'unknown'}${known.length > 0 ? `; direct DNS answers ${known.join(', ')}` : ''}.`,
      checks: known.length > 0 && alt ? ['dns.resolve', 'alt.ip-vs-name'] : ['dns.resolve'],
      fixes,
      evidence: { host, failureKind: kind, failureCode: dns.failure?.code ?? null, dnsServers: dns.dnsServers, addressesFromDns: known },
    },
  ];
};

/**
 * This computer resolves the name to an address DNS no longer gives (hosts file or stale cache).
 * Strong when that address fails and a DNS address answers; weak alone (round-robin DNS also differs).
 */
const dnsStaleLocal: Rule = (ev) => {
  const dns = evidenceOf(ev, 'dns.resolve');
  const dnsAddresses = dns ? dnsAnswer(dns) : [];
  if (!dns || ev.target.isAddress || dns.onlySystem.length === 0 || dnsAddresses.length === 0) return [];
  const tcp = evidenceOf(ev, 'net.tcp');
  const localFails = tcp !== null && dns.onlySystem.some((a) => !tcp.open.includes(a) && [...tcp.refused, ...tcp.timedOut, ...tcp.unreachable].includes(a));
  const dnsWorks = tcp !== null && dnsAddresses.some((a) => tcp.open.includes(a));
  const otherNames = evidenceOf(ev, 'dns.reverse')?.otherNames ?? [];
  const strong = localFails && dnsWorks;
  const host = ev.target.host;
  return [
    {
      id: 'dns-stale-record',
      confidence: strong ? 0.85 : otherNames.length > 0 ? 0.55 : 0.4,
      severity: strong ? 'high' : 'low',
      explanation: `This computer looks up "${host}" as ${dns.onlySystem.join(', ')}, but the name servers now say ${dnsAddresses.join(', ')}.${strong ? ' The old address does not answer and the new one does: this computer is using an outdated answer (a hosts-file entry or a stale cache).' : ' This can be harmless (some names have several addresses), or this computer may be using an outdated answer from its cache or hosts file.'} Flushing the DNS cache, or connecting by the current address, gets past it; a hosts-file entry has to be removed by hand.`,
      technical: `getaddrinfo(${host}) → ${dns.onlySystem.join(', ')} not in direct DNS answer ${dnsAddresses.join(', ')}${tcp ? `; open: ${tcp.open.join(', ') || 'none'}` : ''}${otherNames.length > 0 ? `; reverse names ${otherNames.join(', ')}` : ''}.`,
      checks: tcp ? ['dns.resolve', 'net.tcp'] : ['dns.resolve'],
      fixes: ['dns.flush', 'rdpfile.use-ip'],
      evidence: { localAddresses: dns.onlySystem, dnsAddresses, openAddresses: tcp?.open ?? [], reverseNames: otherNames },
    },
  ];
};

/** Every address refused the connection: the computer is there, nothing listens on the port. */
const portRefused: Rule = (ev) => {
  const tcp = evidenceOf(ev, 'net.tcp');
  if (!tcp || tcp.verdict !== 'refused') return [];
  const port = tcp.port;
  const custom = port !== 3389 ? ` You are connecting to port ${port}, not the usual 3389: check that the computer really listens there.` : '';
  return [
    {
      id: 'port-refused',
      // Nothing downstream (negotiation, TLS, certificate) can matter when nothing listens, so this ranks first.
      confidence: 0.97,
      severity: 'critical',
      explanation: `The computer at ${where(ev)} answers, but refuses the connection: nothing is listening for Remote Desktop on port ${port}. Remote Desktop is switched off, its service is stopped, or it listens on another port.${custom}`,
      technical: `TCP connect to ${tcp.refused.join(', ')} port ${port} got RST (ECONNREFUSED) on every address.`,
      checks: ['net.tcp'],
      fixes: ['server.enable-rdp', 'server.restart-termservice'],
      evidence: { port, refused: tcp.refused },
    },
  ];
};

/** No address answered at all: filtered, switched off, wrong address, or no route. */
const portUnreachable: Rule = (ev) => {
  const tcp = evidenceOf(ev, 'net.tcp');
  if (!tcp || !['timeout', 'unreachable', 'mixed-failure'].includes(tcp.verdict)) return [];
  const port = tcp.port;
  const noRoute = tcp.verdict === 'unreachable';
  return [
    {
      id: 'port-unreachable',
      confidence: 0.92,
      severity: 'critical',
      explanation: noRoute
        ? `This computer has no network route to ${where(ev)}. The address may be on a network you are not connected to (for example, you need the VPN), or the address is wrong.`
        : `Nothing comes back from ${where(ev)}: not even a refusal. A firewall is silently dropping the connection, the computer is switched off or asleep, or the name points to a wrong address.`,
      technical: `TCP connect to port ${port}: ${tcp.timedOut.length} timed out (${tcp.timedOut.join(', ') || '-'}), ${tcp.unreachable.length} unreachable (${tcp.unreachable.join(', ') || '-'}), none open.`,
      checks: ['net.tcp'],
      fixes: noRoute ? [] : ['server.enable-firewall-rule'],
      evidence: { port, timedOut: tcp.timedOut, unreachable: tcp.unreachable, verdict: tcp.verdict },
    },
  ];
};

/** The port opens, but round trips are slow. */
const highLatency: Rule = (ev) => {
  const tcp = evidenceOf(ev, 'net.tcp');
  const sample = tcp?.latency;
  if (!tcp || !sample || !tcp.highLatency || tcp.open.length === 0) return [];
  return [
    {
      id: 'high-latency',
      confidence: sample.medianMs !== null && sample.medianMs > 1000 ? 0.65 : 0.45,
      explanation: `The connection to ${where(ev)} works but is slow: each round trip takes about ${sample.medianMs} ms. Remote Desktop can still connect, but its start-up has many round trips and may time out on a very slow path (busy VPN, satellite or mobile link).`,
      technical: `TCP connect time median ${sample.medianMs} ms, max ${sample.maxMs} ms over ${sample.attempts} connects.`,
      checks: ['net.tcp'],
      fixes: [],
      evidence: { medianMs: sample.medianMs, maxMs: sample.maxMs, attempts: sample.attempts },
    },
  ];
};

/** Some connects got no answer at all. */
const packetLoss: Rule = (ev) => {
  const tcp = evidenceOf(ev, 'net.tcp');
  const sample = tcp?.latency;
  if (!tcp || !sample || !tcp.packetLoss || tcp.open.length === 0) return [];
  const pct = Math.round(sample.lossRatio * 100);
  return [
    {
      id: 'packet-loss',
      confidence: pct >= 50 ? 0.7 : 0.5,
      explanation: `${pct}% of test connections to ${where(ev)} got no answer. On a path that loses this much, Remote Desktop connections can drop during start-up or freeze later. Using TCP only (turning off the UDP transport) often makes such links steadier.`,
      technical: `${pct}% of ${sample.attempts} sequential TCP connects timed out (median of the rest ${sample.medianMs ?? '-'} ms).`,
      checks: ['net.tcp'],
      fixes: ['client.disable-udp'],
      evidence: { lossRatio: sample.lossRatio, attempts: sample.attempts },
    },
  ];
};

/** The configured RD Gateway cannot be reached (name, TCP or TLS time-out), or its setting cannot be used. */
const gatewayUnreachable: Rule = (ev) => {
  const gw = readGateway(ev);
  if (!gw) return [];
  const failure = gw.probe?.failure ?? null;
  const atConnect = failure?.stage === 'connect';
  const tlsTimeout = failure?.stage === 'tls' && failure.kind === 'timeout';
  if (!atConnect && !tlsTimeout && !gw.badInput) return [];
  const what = gw.badInput
    ? `the gateway setting cannot be used (${gw.badInput})`
    : failure?.kind === 'dns'
      ? `its name "${gw.name}" does not resolve`
      : failure?.kind === 'refused'
        ? 'it refuses connections on its port'
        : failure?.kind === 'timeout'
          ? 'it does not answer (firewall, proxy or the server is down)'
          : (failure?.message ?? 'it could not be reached');
  return [
    {
      id: 'gateway-unreachable',
      confidence: 0.9,
      explanation: `Your connection goes through the Remote Desktop Gateway ${gw.name}, but ${what}. Every connection through it will fail until it can be reached. Check the gateway name in the connection settings, or ask IT whether the gateway is running.`,
      technical: `gateway ${gw.name}:${gw.probe?.port ?? 443} ${failure?.stage ?? 'config'} failure: ${failure?.kind ?? 'bad-input'} (${failure?.message ?? gw.badInput ?? ''}).`,
      checks: ['gateway.probe'],
      fixes: [],
      evidence: { gateway: gw.name, stage: failure?.stage ?? null, kind: failure?.kind ?? null },
    },
  ];
};

/** The gateway's certificate would be rejected: untrusted, expired, or for another name. */
const gatewayCertificateUntrusted: Rule = (ev) => {
  const gw = readGateway(ev)?.probe;
  const tls = gw?.tls;
  if (!gw || !tls) return [];
  const cert = gw.certificate?.ok ? gw.certificate : null;
  const reasons: string[] = [];
  if (cert?.validity === 'expired') reasons.push(`it expired on ${cert.notAfter.slice(0, 10)}`);
  if (cert?.validity === 'not-yet-valid') reasons.push(`it is not valid before ${cert.notBefore.slice(0, 10)}`);
  if (cert && !cert.nameMatch.matches) reasons.push(`it is issued to ${cert.commonName ?? cert.subject}, not ${gw.host}`);
  if (cert?.selfSigned && !tls.authorized) reasons.push('it is self-signed');
  if (!tls.authorized && reasons.length === 0) reasons.push(`no trusted authority vouches for it (${tls.authorizationError ?? 'unknown'})`);
  if (reasons.length === 0) return [];
  const hard = cert?.validity === 'expired' || cert?.validity === 'not-yet-valid' || cert?.nameMatch.matches === false;
  return [
    {
      id: 'gateway-certificate-untrusted',
      // Trust was judged with Node's CA list, not this computer's Windows store: a private CA may be trusted there.
      confidence: hard ? 0.85 : 0.6,
      explanation: `The Remote Desktop Gateway ${gw.host} shows a certificate that Remote Desktop will not accept: ${reasons.join('; ')}. Unlike a server's own certificate, a gateway certificate cannot be clicked past; the gateway's administrator must install a valid certificate for this name.${hard ? '' : ' (Trust was checked against the public certificate authorities; if your organisation runs its own authority and this computer trusts it, the gateway may be fine.)'}`,
      technical: `gateway TLS: authorized=${tls.authorized} (${tls.authorizationError ?? 'ok'}); subject ${cert?.subject ?? '?'}, issuer ${cert?.issuer ?? '?'}, notAfter ${cert?.notAfter ?? '?'}, SHA-1 ${cert?.sha1 ?? '?'}.`,
      checks: ['gateway.probe'],
      fixes: [],
      evidence: {
        gateway: gw.host,
        authorizationError: tls.authorizationError,
        validity: cert?.validity ?? null,
        names: cert ? certificateNames(cert) : [],
        sha1: cert?.sha1 ?? null,
      },
    },
  ];
};

/** The gateway answers, but not the way an RD Gateway does. */
const gatewayBadResponse: Rule = (ev) => {
  const gw = readGateway(ev)?.probe;
  if (!gw) return [];
  const failure = gw.failure;
  const httpFailure = failure?.stage === 'http' || (failure?.stage === 'tls' && (failure.kind === 'closed' || failure.kind === 'tls'));
  const badAnswer = gw.answer !== null && gw.answer !== 'auth-required' && gw.answer !== 'websocket-accepted';
  if (!httpFailure && !badAnswer) return [];
  const what = badAnswer ? (gw.answerText ?? 'it answered unexpectedly') : (failure?.message ?? 'the request got no proper answer');
  return [
    {
      id: 'gateway-bad-response',
      confidence: gw.answer === 'not-found' ? 0.9 : 0.8,
      explanation: `The Remote Desktop Gateway ${gw.host} can be reached, but ${what}. Either the address is not the gateway (it may be a web site or proxy), or the gateway role on that server is broken or missing.`,
      technical: badAnswer
        ? `RDG_OUT_DATA /remoteDesktopGateway/ → ${gw.http?.statusCode ?? 'non-HTTP reply'} (${gw.answer}); schemes: ${gw.http?.authSchemes.join(', ') || 'none'}.`
        : `RDG_OUT_DATA /remoteDesktopGateway/: ${failure?.stage} ${failure?.kind} (${failure?.message ?? ''}).`,
      checks: ['gateway.probe'],
      fixes: [],
      evidence: { gateway: gw.host, statusCode: gw.http?.statusCode ?? null, answer: gw.answer, failureKind: failure?.kind ?? null },
    },
  ];
};

/** The dns-network rules, in no particular order (ranking orders findings). */
export const dnsNetworkRules: readonly Rule[] = [
  dnsUnresolvable,
  dnsStaleLocal,
  portRefused,
  portUnreachable,
  highLatency,
  packetLoss,
  gatewayUnreachable,
  gatewayCertificateUntrusted,
  gatewayBadResponse,
];

/** Runs every dns-network rule (for tests). */
export function runDnsNetworkRules(ev: Evidence): FindingDraft[] {
  return dnsNetworkRules.flatMap((rule) => rule(ev));
}

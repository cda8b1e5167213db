/** Diagnosis rules for the negotiation evidence: what the server's answer to each security request says. */
import { FAILURE_CODE, isDefinedFailureCode } from '../../shared/protocol';
import type { Evidence, FindingDraft, Rule } from '../types';
import { evidenceOf, ranEvidence } from './evidence';
import { failureCodes, failureNames, failureOf } from './negotiation-read';
import { tlsIdentityRules } from './negotiation-tls.rules';

const where = (ev: Evidence): string => `${ev.target.host}:${ev.target.port}`;
const fileName = (ev: Evidence): string => ev.clientSettings?.fileName ?? 'the connection file';

/** Something answered, but not in RDP. */
const notRdpService: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || n.service !== 'non-rdp') return [];
  const sample = n.probes.flatMap((p) => (p.outcome.kind === 'non-rdp' ? [p.outcome] : []))[0];
  return [
    {
      id: 'not-rdp-service',
      confidence: 0.9,
      explanation: `A program answers on ${where(ev)}, but it is not Remote Desktop. Either Remote Desktop listens on another port, or another program (a web server, a proxy, a different service) has taken this one.`,
      technical: `X.224 Connection Request answered with non-TPKT data: ${sample?.reason ?? 'unknown'}${sample?.preview ? ` ("${sample.preview}")` : ''}.`,
      checks: ['rdp.negotiation'],
      fixes: [],
      evidence: { reason: sample?.reason ?? null, preview: sample?.preview ?? null },
    },
  ];
};

/** TCP opened, the negotiation never got an answer. */
const negotiationTimeout: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || n.service !== 'timeout') return [];
  const waited = n.probes.filter((p) => p.outcome.kind === 'timeout' && p.outcome.phase === 'reply' && p.connectMs !== null);
  if (waited.length === 0) return [];
  return [
    {
      id: 'negotiation-timeout',
      confidence: 0.8,
      explanation: `The connection to ${where(ev)} opens, but the computer never starts the Remote Desktop conversation. The Remote Desktop service may be hung, or a firewall or security device lets the connection through and then stalls it.`,
      technical: waitedText(waited.length, n.probes),
      checks: ['rdp.negotiation'],
      fixes: ['server.restart-termservice'],
      evidence: { timedOutProbes: waited.map((p) => p.protocol) },
    },
  ];
};

/** How many Connection Requests waited in vain: all that were sent, or the lead alone when a batch held the rest back. */
function waitedText(waited: number, probes: readonly { readonly outcome: { readonly kind: string } }[]): string {
  const notSent = probes.filter((p) => p.outcome.kind === 'not-sent').length;
  const what = waited === 1 ? 'X.224 Connection Request got' : 'X.224 Connection Requests got';
  const head = notSent > 0 ? `${waited === 1 ? 'The first' : waited} ${what}` : `${waited} of ${probes.length} ${what}`;
  const tail = notSent > 0 ? `; the other ${notSent} ${notSent === 1 ? 'was' : 'were'} not sent to a server that had not answered` : '';
  return `${head} no Connection Confirm before the timeout after TCP connect${tail}.`;
}

/** The server closed instead of answering the negotiation. */
const droppedDuringNegotiation: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || n.service !== 'closed') return [];
  const resets = n.probes.filter((p) => p.outcome.kind === 'closed').length;
  return [
    {
      id: 'connection-dropped-during-negotiation',
      confidence: 0.8,
      explanation: `${where(ev)} accepts the connection and then hangs up before saying anything. This is exactly what the "0x904" error looks like from your side. Common causes are a broken or expired Remote Desktop certificate on the server, a server out of resources, or security software on the path cutting the connection.`,
      technical: `TCP connected, then the peer closed/reset before an X.224 Connection Confirm on ${resets} of ${n.probes.length} requests.`,
      checks: ['rdp.negotiation'],
      fixes: ['server.restart-termservice', 'server.renew-certificate', 'server.repair-key-permissions'],
      evidence: { closedProbes: resets },
    },
  ];
};

/** RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER: no usable certificate. */
const serverNoCertificate: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || !failureCodes(n).includes(FAILURE_CODE.SSL_CERT_NOT_ON_SERVER)) return [];
  const refused = n.probes.filter((p) => failureOf(p)?.code === FAILURE_CODE.SSL_CERT_NOT_ON_SERVER).map((p) => p.protocol);
  return [
    {
      id: 'server-no-certificate',
      confidence: 0.95,
      explanation:
        'The remote computer says it has no usable certificate for secure connections. Windows needs one to protect the sign-in; it is usually created automatically, so the existing one is damaged, expired, or its private key cannot be read. Renewing the certificate or repairing access to its key fixes this.',
      technical: `RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER (3) in reply to ${refused.join(', ')} requests.`,
      checks: ['rdp.negotiation'],
      fixes: ['server.renew-certificate', 'server.repair-key-permissions'],
      evidence: { refusedProtocols: refused, failureCode: FAILURE_CODE.SSL_CERT_NOT_ON_SERVER },
    },
  ];
};

/** Failure codes another rule explains: TLS required, TLS not allowed, no certificate, NLA required. */
const EXPLAINED_FAILURES: ReadonlySet<number> = new Set([
  FAILURE_CODE.SSL_REQUIRED_BY_SERVER,
  FAILURE_CODE.SSL_NOT_ALLOWED_BY_SERVER,
  FAILURE_CODE.SSL_CERT_NOT_ON_SERVER,
  FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER,
]);

/** Every request refused, at least one for a reason no other rule explains (an undefined code, INCONSISTENT_FLAGS or SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER). */
const negotiationRefused: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || n.probes.length === 0 || !n.probes.every((p) => p.outcome.kind === 'failure')) return [];
  const codes = failureCodes(n);
  const unexplained = codes.filter((code) => !EXPLAINED_FAILURES.has(code));
  if (unexplained.length === 0) return [];
  const names = failureNames(n);
  const undefinedCode = unexplained.some((code) => !isDefinedFailureCode(code));
  return [
    {
      id: 'negotiation-refused',
      confidence: undefinedCode ? 0.75 : 0.85,
      explanation: undefinedCode
        ? `${where(ev)} refuses every way of connecting, and the reason it gives is not one Remote Desktop defines. It is probably not a Windows Remote Desktop server but a gateway, load balancer or another product in front of it; ask whoever runs it, and check that you connect to the right computer and port.`
        : `${where(ev)} refuses every way of connecting this client offers (${names.join(', ')}). The server's security settings ask for something the client does not send; ask the server's administrator to set its security layer to negotiate.`,
      technical: `RDP_NEG_FAILURE on all ${n.probes.length} requests: ${n.probes.map((p) => `${p.protocol} → ${failureOf(p)?.codeName ?? '?'}`).join(', ')}.`,
      checks: ['rdp.negotiation'],
      fixes: undefinedCode ? [] : ['server.set-security-layer'],
      evidence: { failures: names, codes },
    },
  ];
};

/** Only Standard RDP Security: no TLS, no NLA. */
const rdpSecurityOnly: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || !n.rdpSecurityOnly) return [];
  const strict = ev.clientSettings?.authenticationLevel === 1;
  return [
    {
      id: 'server-rdp-security-only',
      confidence: strict ? 0.85 : 0.55,
      explanation: strict
        ? `The remote computer only allows the old Remote Desktop security, which cannot prove the server's identity, and ${fileName(ev)} says not to connect when the server cannot be verified. Set the server to negotiate or require TLS.`
        : "The remote computer only allows the old Remote Desktop security, without TLS or Network Level Authentication. Current clients and policies may refuse it, and it is open to interception. Set the server's security layer to negotiate or TLS.",
      technical: `Server selects PROTOCOL_RDP only (SecurityLayer=0 or a pre-2003 server); TLS/CredSSP requests refused${failureCodes(n).includes(FAILURE_CODE.SSL_NOT_ALLOWED_BY_SERVER) ? ' with SSL_NOT_ALLOWED_BY_SERVER' : ''}.`,
      checks: ['rdp.negotiation'],
      fixes: ['server.set-security-layer'],
      evidence: { supported: n.supported, authenticationLevel: ev.clientSettings?.authenticationLevel ?? null },
      ...(strict ? {} : { severity: 'medium' as const }),
    },
  ];
};

/** A .rdp file that turns CredSSP off: the one given, or else the client's saved one for this target or Default.rdp. */
interface CredSspOffFile {
  readonly name: string;
  readonly path: string | null;
  /** `given`: --rdp-file; `saved`: a file on the client naming the target; `default`: Documents\Default.rdp. */
  readonly source: 'given' | 'saved' | 'default';
}

/**
 * The file whose enablecredsspsupport:i:0 the connection uses. A given file decides alone; without one, mstsc
 * opens the saved file for the target or, started plainly, Documents\Default.rdp (docs/windows.md#mstsc-files-mru-and-cache), so those count.
 */
function credSspOffFile(ev: Evidence): CredSspOffFile | null {
  if (ev.clientSettings) return ev.clientSettings.enableCredSsp === false ? { name: ev.clientSettings.fileName, path: null, source: 'given' } : null;
  const files = (ranEvidence(ev, 'client.rdp-files')?.files ?? []).filter((f) => f.enableCredSsp === false);
  const pick = files.find((f) => !f.isDefault) ?? files.find((f) => f.isDefault);
  if (!pick) return null;
  return { name: pick.name, path: pick.path, source: pick.isDefault ? 'default' : 'saved' };
}

/** The server requires NLA, the .rdp file in use turns CredSSP off. */
const nlaRequiredClientDisabled: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  if (!n || n.nlaRequired !== true) return [];
  const file = credSspOffFile(ev);
  if (!file) return [];
  const named =
    file.source === 'given'
      ? fileName(ev)
      : file.source === 'default'
        ? `this computer's default connection file (${file.path ?? file.name}), which Remote Desktop Connection uses when started without a file,`
        : `the saved connection file ${file.path ?? file.name}`;
  return [
    {
      id: 'nla-required-client-disabled',
      // A file found on the client is probably, not certainly, the one the failing attempt used.
      confidence: file.source === 'given' ? 0.95 : file.source === 'saved' ? 0.85 : 0.8,
      explanation: `The remote computer only accepts connections that sign in first (Network Level Authentication), but ${named} turns that off (enablecredsspsupport:i:0). Turn CredSSP back on in the file — a clean connection file does this. Switching NLA off on the server also works, but lowers its security.`,
      technical: `Server answers HYBRID_REQUIRED_BY_SERVER / selects only HYBRID; ${file.source === 'given' ? 'client settings' : `${file.path ?? file.name} (client.rdp-files)`} enablecredsspsupport=0.`,
      checks: file.source === 'given' ? ['rdp.negotiation'] : ['rdp.negotiation', 'client.rdp-files'],
      fixes: ['rdpfile.generate-clean', 'server.disable-nla'],
      evidence: { failures: failureNames(n), enableCredSsp: false, file: file.name, path: file.path, fileSource: file.source },
    },
  ];
};

/** The server refuses Standard RDP Security; the file forces it (no negotiation, no CredSSP). */
const tlsRequiredClientRdpOnly: Rule = (ev) => {
  const n = evidenceOf(ev, 'rdp.negotiation');
  const s = ev.clientSettings;
  if (!n || !s || s.negotiateSecurityLayer !== false || s.enableCredSsp !== false) return [];
  const rdpProbe = n.probes.find((p) => p.protocol === 'RDP');
  const rdpFailure = rdpProbe ? failureOf(rdpProbe) : null;
  // HYBRID_REQUIRED_BY_SERVER is nla-required-client-disabled's case; SSL_REQUIRED_BY_SERVER is "TLS required, NLA optional".
  const refusesRdp = rdpFailure?.code === FAILURE_CODE.SSL_REQUIRED_BY_SERVER;
  if (!refusesRdp) return [];
  return [
    {
      id: 'tls-required-client-rdp-only',
      confidence: 0.85,
      explanation: `The remote computer requires a secure (TLS) connection, but ${fileName(ev)} forces the old Remote Desktop security: it turns off security negotiation (negotiate security layer:i:0) and CredSSP (enablecredsspsupport:i:0). Use a clean connection file that lets the client negotiate.`,
      technical: `PROTOCOL_RDP request answered ${rdpFailure?.codeName ?? 'with a failure'}; client settings negotiate security layer=0, enablecredsspsupport=0.`,
      checks: ['rdp.negotiation'],
      fixes: ['rdpfile.generate-clean', 'server.set-security-layer'],
      evidence: { rdpFailure: rdpFailure?.codeName ?? null, negotiateSecurityLayer: false, enableCredSsp: false },
    },
  ];
};

/** Applies each rule to the evidence (exported for tests that want one rule's drafts). */
export function runNegotiationRules(ev: Evidence): FindingDraft[] {
  return negotiationRules.flatMap((rule) => rule(ev));
}

/** The negotiation rules, in no particular order (ranking orders findings). */
export const negotiationRules: readonly Rule[] = [
  notRdpService,
  negotiationTimeout,
  droppedDuringNegotiation,
  serverNoCertificate,
  negotiationRefused,
  rdpSecurityOnly,
  nlaRequiredClientDisabled,
  tlsRequiredClientRdpOnly,
  ...tlsIdentityRules,
];

/** Recognising the evidence shapes that have a dedicated view; anything else falls back to a definition list. */
import { daysLeftText, formatDate, isPlainRecord, readableText } from './evidence-format';

/** The certificate facts the certificate card needs (src-main/net/certificate.ts CertificateFacts). */
export interface CertificateView {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly daysLeft: number | null;
  readonly validity: string | null;
  readonly selfSigned: boolean | null;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly sha1: string | null;
  readonly sha256: string | null;
  readonly keyText: string | null;
  readonly signature: string | null;
  readonly problems: readonly string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** Depth-first search for the first object (the evidence itself or nested) that satisfies `test`. */
export function findRecord(value: unknown, test: (record: Record<string, unknown>) => boolean, depth = 0): Record<string, unknown> | null {
  if (depth > 4) return null;
  if (isPlainRecord(value)) {
    if (test(value)) return value;
    for (const child of Object.values(value)) {
      const found = findRecord(child, test, depth + 1);
      if (found) return found;
    }
  } else if (Array.isArray(value)) {
    for (const child of value.slice(0, 20)) {
      const found = findRecord(child, test, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Reads certificate facts out of tls.certificate (or server.certificate) evidence; null when there are none. */
export function readCertificate(evidence: unknown): CertificateView | null {
  const cert = findRecord(evidence, (r) => typeof r.notAfter === 'string' && (typeof r.subject === 'string' || typeof r.sha1 === 'string'));
  if (!cert) return null;
  const key = isPlainRecord(cert.key) ? cert.key : null;
  const signature = isPlainRecord(cert.signatureAlgorithm) ? text(cert.signatureAlgorithm.name) : text(cert.signatureAlgorithm);
  const daysLeft = typeof cert.daysLeft === 'number' ? cert.daysLeft : null;
  const notAfter = text(cert.notAfter) ?? '';
  // The service words problems for the JSON report ("Expired on 2026-11-21T08:38:58.000Z."); say it for people here.
  const problemText = (p: unknown): string[] => {
    if (typeof p === 'string') return [readableText(p)];
    if (!isPlainRecord(p) || typeof p.message !== 'string') return [];
    if (p.code === 'expired' && daysLeft !== null && daysLeft < 0) return [`${daysLeftText(daysLeft)}, on ${formatDate(notAfter)}.`];
    return [readableText(p.message)];
  };
  const problems = Array.isArray(cert.problems) ? cert.problems.flatMap(problemText) : [];
  return {
    subject: text(cert.subject) ?? text(cert.commonName) ?? '—',
    issuer: text(cert.issuer) ?? '—',
    notBefore: text(cert.notBefore) ?? '',
    notAfter,
    daysLeft,
    validity: text(cert.validity),
    selfSigned: typeof cert.selfSigned === 'boolean' ? cert.selfSigned : null,
    dnsNames: strings(cert.dnsNames),
    ipAddresses: strings(cert.ipAddresses),
    sha1: text(cert.sha1) ?? text(cert.thumbprint),
    sha256: text(cert.sha256),
    keyText: key ? [text(key.type), typeof key.bits === 'number' ? `${key.bits} bits` : null, text(key.curve)].filter(Boolean).join(', ') || null : null,
    signature,
    problems,
  };
}

/** One row of the negotiation matrix: what we asked for, what the server answered, what it means. */
export interface NegotiationRow {
  readonly asked: string;
  readonly answered: string;
  readonly meaning: string;
}

const PROTOCOL_WORDS: Record<string, string> = {
  RDP: 'Standard RDP Security (no TLS)',
  SSL: 'TLS',
  HYBRID: 'CredSSP (NLA)',
  HYBRID_EX: 'CredSSP with early user authorization',
  RDSTLS: 'RDSTLS',
  RDSAAD: 'Azure AD authentication',
};

function answerWords(outcome: Record<string, unknown>): { answered: string; meaning: string } {
  switch (outcome.kind) {
    case 'selected': {
      const name = text(outcome.protocolName) ?? String(outcome.protocol);
      return { answered: `Selected ${name}`, meaning: `The server is willing to use ${PROTOCOL_WORDS[name] ?? name}.` };
    }
    case 'failure':
      return { answered: `Refused (${text(outcome.codeName) ?? String(outcome.code)})`, meaning: 'The server will not use this.' };
    case 'legacy':
      return { answered: 'Old-style reply', meaning: 'The server ignores negotiation: only Standard RDP Security.' };
    case 'closed':
      return { answered: 'Connection closed', meaning: 'The server hung up without answering.' };
    case 'timeout':
      return { answered: 'No answer', meaning: outcome.phase === 'connect' ? 'The port did not accept the connection in time.' : 'The server never replied.' };
    case 'refused':
      return { answered: 'Connection refused', meaning: 'Nothing listens on the port.' };
    case 'non-rdp':
      return { answered: 'Not RDP', meaning: text(outcome.reason) ?? 'Something else answered on the port.' };
    case 'rejected':
      return { answered: 'Rejected', meaning: text(outcome.reason) ?? 'The reply could not be used.' };
    case 'error':
      return { answered: 'Error', meaning: text(outcome.message) ?? 'The probe failed.' };
    case 'not-sent':
      return { answered: 'Not asked', meaning: text(outcome.reason) ?? 'The server had not answered the first request.' };
    default:
      return { answered: String(outcome.kind ?? 'unknown'), meaning: '' };
  }
}

/** Reads the per-protocol probes of rdp.negotiation evidence into matrix rows; null when there are none. */
export function readNegotiation(evidence: unknown): NegotiationRow[] | null {
  const summary = findRecord(evidence, (r) => Array.isArray(r.probes));
  if (!summary || !Array.isArray(summary.probes)) return null;
  const rows = summary.probes.flatMap((probe): NegotiationRow[] => {
    if (!isPlainRecord(probe) || !isPlainRecord(probe.outcome)) return [];
    const protocol = text(probe.protocol) ?? '?';
    return [{ asked: PROTOCOL_WORDS[protocol] ?? protocol, ...answerWords(probe.outcome) }];
  });
  return rows.length ? rows : null;
}

/** The server identity an NTLM challenge reveals. */
export function readNtlm(evidence: unknown): Record<string, unknown> | null {
  return findRecord(evidence, (r) => 'netbiosComputer' in r || 'dnsComputer' in r);
}

/** One entry of a timeline: when, what kind, what happened in words, and extra lines (e.g. errors logged). */
export interface TimelineEvent {
  readonly time: string;
  readonly id: string;
  readonly source: string;
  readonly level: string;
  readonly message: string;
  readonly details: readonly string[];
}

function idText(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** A client connection attempt (client.events `attempts[]`): the decoded disconnect reason is its message. */
function attemptEvent(attempt: Record<string, unknown>): TimelineEvent {
  const server = text(attempt.server);
  const disconnect = isPlainRecord(attempt.disconnect) ? attempt.disconnect : null;
  const reason = disconnect
    ? `Ended with reason ${idText(disconnect.value)}${text(disconnect.hex) ? ` (${text(disconnect.hex)})` : ''}${text(disconnect.meaning) ? `: ${text(disconnect.meaning)}` : ''}`
    : null;
  const outcome = attempt.loggedOn === true ? 'Connected and signed in' : attempt.connected === true ? 'Connected, not signed in' : 'Did not connect';
  return {
    time: text(attempt.startedUtc) ?? text(attempt.time) ?? '',
    id: '',
    source: server ? `Connection to ${server}` : 'Connection attempt',
    level: outcome,
    message: reason ?? outcome,
    details: strings(attempt.stateErrors).slice(0, 5),
  };
}

/** A host event (server.events `recent[]`) or a generic event record. */
function logEvent(event: Record<string, unknown>): TimelineEvent {
  const alert = isPlainRecord(event.alert) ? event.alert : null;
  const meaning = text(event.meaning) ?? text(event.summary) ?? text(event.message) ?? text(event.Message) ?? '';
  return {
    time: text(event.time) ?? text(event.timeCreated) ?? text(event.TimeCreated) ?? '',
    id: idText(event.id ?? event.eventId ?? event.Id),
    source: text(event.family) ?? text(event.provider) ?? text(event.source) ?? text(event.log) ?? text(event.ProviderName) ?? '',
    level: text(event.level) ?? text(event.LevelDisplayName) ?? '',
    message: alert && text(alert.name) ? `${meaning} (TLS alert ${idText(alert.code)} ${text(alert.name)})` : meaning,
    details: [],
  };
}

/**
 * Reads event-log evidence into a timeline, newest first; null when there is none. client.events lists
 * connection `attempts`, server.events the `recent` host events; an `events` array of plain records also works.
 */
export function readEvents(evidence: unknown): TimelineEvent[] | null {
  const holder = findRecord(evidence, (r) => Array.isArray(r.attempts) || Array.isArray(r.recent) || Array.isArray(r.events));
  if (!holder) return null;
  const attempts = Array.isArray(holder.attempts) ? holder.attempts : [];
  const logged = Array.isArray(holder.recent) ? holder.recent : Array.isArray(holder.events) ? holder.events : [];
  const events = [...attempts.flatMap((a) => (isPlainRecord(a) ? [attemptEvent(a)] : [])), ...logged.flatMap((e) => (isPlainRecord(e) ? [logEvent(e)] : []))];
  events.sort((a, b) => b.time.localeCompare(a.time));
  return events.length ? events : null;
}

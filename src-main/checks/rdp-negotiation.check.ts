/** Check rdp.negotiation: which security protocols the server accepts, asked one protocol per connection. */
import type { NegotiationSummary, ProbeResult } from '../net/negotiation';
import { failureCodeName } from '../shared/protocol';
import { negotiationProbe } from './rdp-probes';
import type { CheckDefinition, CheckOutcome } from './types';

/**
 * rdp.negotiation. Evidence (plain JSON, the NegotiationSummary):
 * `{ service: 'rdp'|'non-rdp'|'timeout'|'closed'|'refused'|'error'|'aborted', supported: ProtocolName[],
 *    nlaRequired: boolean|null, rdpSecurityAllowed: boolean|null, rdpSecurityOnly: boolean, legacyServer: boolean,
 *    failures: { [protocol]: 'HYBRID_REQUIRED_BY_SERVER'|… },
 *    probes: [{ protocol, requestedProtocols, supported, connectMs, replyMs, totalMs,
 *               outcome: { kind: 'selected', protocol, protocolName, flags } | { kind: 'failure', code, codeName }
 *                      | { kind: 'legacy' } | { kind: 'rejected', reason } | { kind: 'non-rdp', reason, preview }
 *                      | { kind: 'closed', reset, bytesReceived } | { kind: 'timeout', phase: 'connect'|'reply' }
 *                      | { kind: 'refused' } | { kind: 'aborted' } | { kind: 'error', code, message }
 *                      | { kind: 'not-sent', reason } (a batch asks the others only after an answer) }] }`
 */
export const rdpNegotiationCheck: CheckDefinition<'rdp.negotiation'> = {
  id: 'rdp.negotiation',
  dependsOn: [],
  async run(ctx) {
    const summary = await negotiationProbe(ctx);
    return judgeNegotiation(summary, ctx.options.timeoutMs);
  },
};

/** Status and summary line from the enumeration (pure, tested on recorded summaries). */
export function judgeNegotiation(summary: NegotiationSummary, timeoutMs: number): CheckOutcome<'rdp.negotiation'> {
  const out = (status: CheckOutcome['status'], text: string): CheckOutcome<'rdp.negotiation'> => ({ status, summary: text, evidence: summary });
  switch (summary.service) {
    case 'aborted':
      return out('error', 'Cancelled before the server answered.');
    case 'non-rdp': {
      const sample = summary.probes.find((p) => p.outcome.kind === 'non-rdp');
      const why = sample?.outcome.kind === 'non-rdp' ? ` (${sample.outcome.reason}; it sent "${sample.outcome.preview}")` : '';
      return out('fail', `Something answered on this port, but it is not Remote Desktop${why}.`);
    }
    case 'timeout':
      return summary.probes.some((p) => p.connectMs !== null)
        ? out('fail', `The connection opened but the server never answered the RDP negotiation within ${timeoutMs} ms.`)
        : out('fail', `Could not open a connection within ${timeoutMs} ms.`);
    case 'closed':
      return out('fail', 'The server closed the connection instead of answering the RDP negotiation.');
    case 'refused':
      return out('fail', 'The connection was refused: nothing listens on this port.');
    case 'error':
      return out('error', `The negotiation could not run: ${firstError(summary.probes)}.`);
    case 'rdp':
      break;
  }
  const failures = Object.entries(summary.failures).map(([p, code]) => `${p}: ${code}`);
  if (summary.supported.length === 0) {
    const detail = failures.length > 0 ? ` (${failures.join(', ')})` : '';
    return out('fail', `The server speaks RDP but accepted none of the security protocols${detail}.`);
  }
  const offered = summary.supported.join(', ');
  if (summary.rdpSecurityOnly) {
    return out('warn', `The server only allows legacy Standard RDP Security (no TLS, no NLA)${summary.legacyServer ? '; it ignores negotiation' : ''}.`);
  }
  const nla = summary.nlaRequired === true ? 'NLA is required' : summary.nlaRequired === false ? 'NLA is not required' : 'NLA requirement unknown';
  return out('pass', `The server accepts ${offered}; ${nla}.`);
}

function firstError(probes: readonly ProbeResult[]): string {
  for (const p of probes) {
    if (p.outcome.kind === 'error') return p.outcome.message;
    if (p.outcome.kind === 'failure') return failureCodeName(p.outcome.code);
  }
  return 'unknown error';
}

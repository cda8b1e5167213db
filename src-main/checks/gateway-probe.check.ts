/** Check gateway.probe: is the RD Gateway in use reachable, trusted, and does it answer like a gateway. */
import { probeGateway, type GatewayProbeResult } from '../net/gateway';
import { parseTarget } from '../net/target';
import type { CheckDefinition, CheckOutcome } from './types';

/** The gateway's default HTTPS port. */
export const GATEWAY_PORT = 443;

/**
 * gateway.probe. The gateway comes from ctx.options.gateway, else ctx.options.clientSettings.gateway.
 * Evidence: `{ gateway: string, source: 'option' | 'rdp-file', ...GatewayProbeResult }` with
 * GatewayProbeResult = `{ host, port, ok, reachedStage: connect|tls|http|done, failure: {stage, kind, code, message} | null,
 * connect: TcpAttempt | null, tls: {version, cipher, authorized, authorizationError, ms} | null, chain: string[] (base64 DER),
 * certificate: CertificateVerdict | null, http: {statusCode, statusText, httpVersion, server, authSchemes, headers, ms} | null,
 * answer: auth-required | websocket-accepted | accepted-without-auth | not-found | forbidden | gone | server-error |
 * unexpected-status | not-http | null, answerText, rawPreview, totalMs }`.
 * Bad gateway text: `{ gateway, source, badInput: message }`. `tls.authorized` uses Node's CA store, not Windows'.
 * Status: pass (answers like a gateway, certificate trusted and in date), warn (answers, but the certificate
 * is untrusted, expired or names another host), fail (unreachable, TLS failed, or not a gateway answer),
 * skip (no gateway configured).
 */
export const gatewayProbeCheck: CheckDefinition<'gateway.probe'> = {
  id: 'gateway.probe',
  dependsOn: [],
  async run(ctx) {
    const fromOption = ctx.options.gateway?.trim() || null;
    const fromFile = ctx.options.clientSettings?.gateway?.trim() || null;
    const gateway = normalizeGateway(fromOption ?? fromFile);
    const source = fromOption ? ('option' as const) : ('rdp-file' as const);
    if (!gateway) return { status: 'skip', summary: 'No Remote Desktop Gateway is configured.', evidence: { gateway: null } };
    let host: string;
    let port: number;
    let isAddress: boolean;
    try {
      ({ host, port, isAddress } = parseTarget(gateway, GATEWAY_PORT));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'fail', summary: `The gateway setting is not usable: ${message}`, evidence: { gateway, source, badInput: message } };
    }
    ctx.report(`Asking the gateway ${host}:${port}…`);
    const result = await ctx.memo(`gateway:${host}:${port}`, () => probeGateway({ host, port, isAddress, timeoutMs: ctx.options.timeoutMs, signal: ctx.signal, now: ctx.now() }));
    return judgeGateway(gateway, source, result);
  },
};

/** Accepts what people paste: "https://rdg.example.com/", "rdg.example.com:8443/path" → host[:port]. */
export function normalizeGateway(text: string | null): string | null {
  if (!text) return null;
  const bare = text.trim().replace(/^https?:\/\//i, '');
  const cut = bare.search(/[/?#]/);
  return (cut >= 0 ? bare.slice(0, cut) : bare) || null;
}

/** Certificate problems that make a client refuse the gateway (mstsc verifies gateway certificates strictly). */
export function gatewayCertificateIssues(result: GatewayProbeResult): string[] {
  const issues: string[] = [];
  const cert = result.certificate;
  if (result.tls && !result.tls.authorized) issues.push(`not trusted (${result.tls.authorizationError ?? 'unknown reason'})`);
  if (cert?.ok) {
    if (cert.validity === 'expired') issues.push(`expired on ${cert.notAfter.slice(0, 10)}`);
    if (cert.validity === 'not-yet-valid') issues.push(`not valid before ${cert.notBefore.slice(0, 10)}`);
    if (!cert.nameMatch.matches) issues.push(`issued to ${cert.commonName ?? cert.subject}, not ${result.host}`);
  } else if (cert && !cert.ok) {
    issues.push(cert.error);
  }
  return issues;
}

/** Status, summary and evidence from a probe result (pure; exported for tests). */
export function judgeGateway(gateway: string, source: 'option' | 'rdp-file', result: GatewayProbeResult): CheckOutcome<'gateway.probe'> {
  const evidence = { gateway, source, ...result };
  const where = `${result.host}:${result.port}`;
  if (result.failure) {
    const f = result.failure;
    const stage = f.stage === 'connect' ? 'cannot be reached' : f.stage === 'tls' ? 'failed the TLS handshake' : 'did not answer the gateway request';
    return { status: 'fail', summary: `The gateway ${where} ${stage}: ${f.message}.`, evidence };
  }
  if (!result.ok) {
    return { status: 'fail', summary: `The gateway ${where} answered, but ${result.answerText ?? 'not like a gateway'}.`, evidence };
  }
  const issues = gatewayCertificateIssues(result);
  if (issues.length > 0) {
    return { status: 'warn', summary: `The gateway ${where} answers, but its certificate is ${issues.join('; ')}.`, evidence };
  }
  const schemes = result.http?.authSchemes.join(', ') || 'none listed';
  return { status: 'pass', summary: `The gateway ${where} answers like an RD Gateway (sign-in offered: ${schemes}).`, evidence };
}

import { describe, expect, it } from 'vitest';
import { judgeResolution } from './dns-resolve.check';
import { judgeReverse } from './dns-reverse.check';
import { judgeTcp } from './net-tcp.check';
import { judgeNegotiation } from './rdp-negotiation.check';
import { judgeTls } from './tls-handshake.check';
import { judgeFacts } from './tls-certificate.check';
import { judgeCredSsp } from './credssp-ntlm-info.check';
import { judgeGateway } from './gateway-probe.check';
import { judgeIpVsName } from './alt-ip-vs-name.check';
import { contractEvidence } from './test-context';
import { judgeCertificate } from '../net/certificate';
import { summarize, summaryFromFailedConnect } from '../net/negotiation';
import { parseTarget } from '../net/target';
import { makeTestCert } from '../net/test-certs';
import type { TcpAttempt } from '../net/tcp';
import type { TlsProbeResult } from '../net/tls-probe';
import { keepContract } from '../service/check-engine';
import { CHECK_META } from '../shared/catalog';

const NOW = new Date('2026-06-01T12:00:00Z');
const attempt = (kind: TcpAttempt['kind'], address = '10.0.0.5'): TcpAttempt => ({ address, port: 3389, family: 4, kind, ms: 4, code: null, message: kind });
const lookup = (addresses: string[]) => ({
  ok: addresses.length > 0,
  addresses: addresses.map((address) => ({ address, family: 4 as const })),
  ms: 2,
  error: addresses.length ? null : { kind: 'nxdomain' as const, code: 'ENOTFOUND', message: 'no such name' },
});

describe('network checks keep their evidence contract (every field named by the schema, nothing else)', () => {
  it('dns.resolve and dns.reverse', () => {
    for (const system of [['10.0.0.5'], []]) {
      const out = judgeResolution({
        host: 'srv.example',
        isAddress: false,
        system: lookup(system),
        directA: lookup(['10.0.0.6']),
        directAaaa: null,
        dnsServers: ['10.0.0.1'],
        addresses: lookup(system).addresses,
        reserved: null,
      });
      expect(contractEvidence('dns.resolve', out).host).toBe('srv.example');
    }
    const reverse = judgeReverse('srv.example', false, [
      { address: '10.0.0.5', ptr: { ok: true, names: ['old.example'], ms: 3, error: null }, system: { ok: false, names: [], ms: 2, error: null } },
    ]);
    expect(contractEvidence('dns.reverse', reverse).otherNames).toEqual(['old.example']);
  });

  it('net.tcp with and without a latency sample, and alt.ip-vs-name', () => {
    const sample = {
      address: '10.0.0.5',
      port: 3389,
      attempts: 5,
      answered: 5,
      lost: 0,
      retries: 0,
      connectTimeoutMs: 900,
      connects: [{ kind: 'open' as const, ms: 3 }],
      lossRatio: 0,
      medianMs: 3,
      maxMs: 4,
      minMs: 2,
      samplesMs: [3, 4, 2, 3, 3],
      budgetMs: 5000,
      source: 'sample' as const,
    };
    expect(contractEvidence('net.tcp', judgeTcp('srv.example', 3389, [attempt('open')], sample)).verdict).toBe('open');
    expect(contractEvidence('net.tcp', judgeTcp('srv.example', 3389, [attempt('refused')], null)).verdict).toBe('refused');
    const alt = judgeIpVsName('srv.example', 3389, attempt('open', 'srv.example'), [{ address: '10.0.0.5', source: 'both', kind: 'open', ms: 3 }], ['10.0.0.5']);
    expect(contractEvidence('alt.ip-vs-name', alt).verdict).toBe('both-work');
  });

  it('rdp.negotiation with every kind of answer', () => {
    const probe = (protocol: 'RDP' | 'SSL' | 'HYBRID', outcome: Parameters<typeof summarize>[0][number]['outcome']) => ({
      protocol,
      supported: outcome.kind === 'selected',
      requestedProtocols: 1,
      outcome,
      connectMs: 2,
      replyMs: 3,
      totalMs: 5,
    });
    const answered = summarize([
      probe('RDP', { kind: 'failure', code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER' }),
      probe('SSL', { kind: 'closed', reset: true, bytesReceived: 0 }),
      probe('HYBRID', { kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 0 }),
    ]);
    expect(contractEvidence('rdp.negotiation', judgeNegotiation(answered, 5000)).failures).toEqual({ RDP: 'HYBRID_REQUIRED_BY_SERVER' });
    expect(contractEvidence('rdp.negotiation', judgeNegotiation(summaryFromFailedConnect(attempt('refused')), 5000)).service).toBe('refused');
  });

  it('tls.handshake, tls.certificate, credssp.ntlm-info', () => {
    const cert = makeTestCert({ commonName: 'srv.example', dnsNames: ['srv.example'] });
    const ok = { ok: true, ms: 5 };
    const probe: TlsProbeResult = {
      requestedProtocols: 3,
      servername: 'srv.example',
      versions: {
        TLSv1: { ok: false, error: 'alert', alert: { code: 70, name: 'protocol_version' }, ms: 2 },
        'TLSv1.1': { ok: false, dropped: true, ms: 2 },
        'TLSv1.2': ok,
        'TLSv1.3': ok,
      },
      negotiated: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      defaultAttempt: { ...ok, version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', selectedProtocol: 'SSL' },
      chain: [cert.der.toString('base64')],
      chainSource: 'default',
    };
    expect(contractEvidence('tls.handshake', judgeTls(probe)).okVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
    const facts = judgeCertificate([cert.der], { host: 'srv.example', isAddress: false, now: NOW });
    if (!facts.ok) throw new Error(facts.error);
    const known = {
      status: 'changed' as const,
      key: 'srv.example:3389',
      previous: { sha256: 'AB', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-05-01T00:00:00.000Z', subject: 'CN=srv.example' },
    };
    expect(contractEvidence('tls.certificate', judgeFacts(facts, known, 'srv.example', 3389)).ok).toBe(true);
    const challenge = {
      targetName: 'LAB',
      flags: 1,
      serverChallenge: '00',
      netbiosComputer: 'SRV',
      netbiosDomain: 'LAB',
      dnsComputer: 'srv.example',
      dnsDomain: 'example',
      dnsTree: null,
      timestamp: NOW,
      version: { major: 10, minor: 0, build: 17763, revision: 15 },
      avIds: [],
      warnings: [],
    };
    const cred = judgeCredSsp({ ok: true, tls: { ok: true, ms: 3 }, tsRequestVersion: 6, challenge, ms: 9 }, parseTarget('srv.example'), NOW);
    expect(contractEvidence('credssp.ntlm-info', cred).osBuild).toBe(17763);
  });

  it('gateway.probe', () => {
    const cert = makeTestCert({ commonName: 'rdg.example' });
    const certificate = judgeCertificate([cert.der], { host: 'rdg.example', isAddress: false, now: NOW });
    const out = judgeGateway('rdg.example', 'rdp-file', {
      host: 'rdg.example',
      port: 443,
      ok: true,
      reachedStage: 'done',
      failure: null,
      connect: attempt('open'),
      tls: { version: 'TLSv1.3', cipher: 'x', authorized: false, authorizationError: 'SELF_SIGNED', ms: 5 },
      chain: [cert.der.toString('base64')],
      certificate,
      http: { statusCode: 401, statusText: 'Unauthorized', httpVersion: '1.1', server: null, authSchemes: ['NTLM'], headers: { 'www-authenticate': 'NTLM' }, ms: 3 },
      answer: 'auth-required',
      answerText: 'asks for sign-in',
      rawPreview: null,
      totalMs: 9,
    });
    expect(contractEvidence('gateway.probe', out)).toMatchObject({ source: 'rdp-file', answer: 'auth-required' });
  });
});

describe('the check engine holds results to the contract', () => {
  const result = (status: 'pass' | 'skip', evidence: Record<string, unknown>) => ({
    id: 'net.tcp' as const,
    section: CHECK_META['net.tcp'].section,
    title: 't',
    status,
    summary: 's',
    durationMs: 1,
    evidence,
  });

  it('turns a verdict whose evidence breaks the contract into an error that says where, keeping the evidence', () => {
    const broken = keepContract(result('pass', { verdict: 'open' }));
    expect(broken.status).toBe('error');
    expect(broken.summary).toMatch(/does not match its contract \(host: /);
    expect(broken.evidence).toEqual({ verdict: 'open' });
  });

  it('lets a skip carry flat facts such as its reason, and a verdict its real evidence', () => {
    expect(keepContract(result('skip', { reason: 'no-windows' })).status).toBe('skip');
    expect(keepContract(result('skip', { nested: { no: 1 } })).status).toBe('error');
    const real = judgeTcp('srv.example', 3389, [attempt('open')], null);
    expect(keepContract(result('pass', { ...real.evidence })).status).toBe('pass');
  });
});

import { describe, expect, it } from 'vitest';
import { diagnose } from './index';
import { decodeCodes } from './decode';
import { judgeCertificate } from '../net/certificate';
import { makeTestCert } from '../net/test-certs';
import { judgeFacts } from '../checks/tls-certificate.check';
import { judgeTcp } from '../checks/net-tcp.check';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import type { CheckOutcome } from '../checks/types';
import type { CheckResult } from '../shared/schema';
import type { Evidence } from './types';

const NOW = new Date('2026-11-22T03:00:00Z');
const HOST = 'srv01.corp.example';

function result(id: CheckId, o: CheckOutcome): CheckResult {
  return { id, section: CHECK_META[id].section, title: CHECK_META[id].title, durationMs: 5, ...o };
}

function expiredCertificateResult(): CheckResult {
  const cert = makeTestCert({ commonName: HOST, dnsNames: [HOST], notBefore: new Date('2025-01-01Z'), notAfter: new Date('2026-11-01Z') });
  const facts = judgeCertificate([cert.der], { host: HOST, isAddress: false, now: NOW });
  if (!facts.ok) throw new Error(facts.error);
  return result('tls.certificate', judgeFacts(facts, { status: 'unchanged', key: `${HOST}:3389`, previous: null }, HOST, 3389));
}

function evidence(checks: CheckResult[], error: string | null): Evidence {
  return {
    target: { input: HOST, host: HOST, port: 3389, isAddress: false },
    checks: new Map(checks.map((c) => [c.id, c])),
    errorHint: error ? decodeCodes(error) : null,
    clientSettings: null,
    now: NOW,
  };
}

const tcp = result('net.tcp', judgeTcp(HOST, 3389, [{ address: '192.0.2.1', port: 3389, family: 4, kind: 'open', ms: 5, code: null, message: 'open' }], null));
const events = result('client.events', {
  status: 'fail',
  summary: 'The last attempt ended with reason 2308',
  evidence: {
    names: [HOST],
    sinceUtc: '2026-11-15T03:00:00.000Z',
    failedAttempts: 1,
    disconnectReasons: [2308],
    logonFailureReasons: [],
    lastLogonUtc: null,
    credsspRefusals: 0,
    otherAttempts: 0,
    attempts: [
      {
        activityId: null,
        startedUtc: '2026-11-22T02:58:00.000Z',
        server: HOST,
        connected: true,
        loggedOn: false,
        serverSupportsSsl: true,
        disconnect: { value: 2308, hex: '0x904', name: 'disconnectReasonAtClientWinsockFDCLOSE', meaning: 'socket closed' },
        udp: { initiated: false, established: false, dropped: false },
        stateErrors: [],
        eventIds: [1024, 1028, 1025, 1026],
      },
    ],
  },
});

describe('diagnose: the 0x904 / 0x7 case end to end over all rules and the ranking', () => {
  it('an expired certificate on the wire plus client event 2308 and the dialog pair ranks the certificate first, with agreement', () => {
    const cert = expiredCertificateResult();
    expect(cert.status).toBe('fail');
    const alone = diagnose(evidence([tcp, cert], null)).find((f) => f.id === 'certificate-expired');
    const all = diagnose(evidence([tcp, cert, events], '0x904 0x7'));
    const top = all[0]!;
    expect(['certificate-expired', 'server-certificate-expired']).toContain(top.id);
    const found = all.find((f) => f.id === 'certificate-expired')!;
    expect(found.checks).toEqual(expect.arrayContaining(['tls.certificate', 'client.events']));
    expect(found.confidence).toBeGreaterThan(alone?.confidence ?? 0);
    expect(found.technical).toContain('0x904/0x7');
  });

  it('a network cause gets the pair as a contradiction', () => {
    const closed = result(
      'net.tcp',
      judgeTcp(HOST, 3389, [{ address: '192.0.2.1', port: 3389, family: 4, kind: 'timeout', ms: 5000, code: 'ETIMEDOUT', message: 'timed out' }], null),
    );
    const plain = diagnose(evidence([closed], null)).find((x) => x.id === 'port-unreachable')!;
    const steered = diagnose(evidence([closed], '0x904 0x7')).find((x) => x.id === 'port-unreachable')!;
    expect(steered.contradictions.join(' ')).toContain('0x904/0x7');
    expect(plain.contradictions.join(' ')).not.toContain('0x904/0x7');
    expect(steered.confidence).toBeLessThan(plain.confidence);
  });
});

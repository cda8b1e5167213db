// Whole diagnoses against peers that misbehave on purpose must end fast, valid and right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, stopAll } from '../../e2e/lab';
import { startGatewayStandin } from '../../e2e/lab/gateway-standin';
import { HOSTILE_BEHAVIOURS, startHostile, TLS_ALERTS, type HostileKind, type HostileOptions, type TlsAlertName } from '../../e2e/lab/hostile';
import { ReportSchema, type Report } from '../shared/schema';
import { DEADLINE_MARGIN_MS, runDiagnosis } from './diagnosis';
import { createNodeDeps } from './node-deps';
import { HIGH_LATENCY_MS } from '../checks/net-tcp.check';

const TIMEOUT = 1000;
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-hostile-'));
});

afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

/** Runs the whole diagnosis and checks the invariants every hostile case shares: bounded time, valid report. */
async function diagnose(target: string, gateway?: string): Promise<Report> {
  const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
  const begin = performance.now();
  const report = await runDiagnosis('hostile', { target, timeoutMs: TIMEOUT, ...(gateway ? { gateway } : {}) }, deps, () => {}, new AbortController().signal);
  // The diagnosis deadline (2 × timeout + margin), plus a little for the report on a loaded machine.
  expect(performance.now() - begin).toBeLessThan(TIMEOUT * 2 + DEADLINE_MARGIN_MS + 400);
  expect(ReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
  return report;
}

async function diagnoseHostile(kind: HostileKind, options: HostileOptions = {}): Promise<Report> {
  const peer = await startHostile(kind, options);
  try {
    const report = await diagnose(`127.0.0.1:${peer.port}`);
    expect(peer.connections).toBeGreaterThan(0);
    // Every socket the diagnosis opened is closed by the time it reports (the peer sees the close shortly after).
    await expect.poll(() => peer.open, { timeout: 500, interval: 20 }).toBe(0);
    return report;
  } finally {
    await peer.stop();
  }
}

const top = (r: Report) => r.findings[0]?.id;
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);
const text = (value: unknown) => JSON.stringify(value);

describe('negotiation-level hostility', () => {
  it.each([
    ['reset-mid-header', 'connection-dropped-during-negotiation'],
    ['tpkt-zero', 'not-rdp-service'],
    ['tpkt-huge', 'not-rdp-service'],
    ['slowloris', 'negotiation-timeout'],
    ['http-banner', 'not-rdp-service'],
    ['ssh-banner', 'not-rdp-service'],
    ['unasked-protocol', 'not-rdp-service'],
  ] as const)('%s → %s', async (kind, finding) => {
    const report = await diagnoseHostile(kind);
    expect(top(report)).toBe(finding);
  });

  it('the banners are quoted in the evidence', async () => {
    const report = await diagnoseHostile('ssh-banner');
    expect(report.findings[0]?.technical).toContain('SSH-2.0-OpenSSH');
  });

  it('an endless stream ends as not-rdp-service without the memory growing', async () => {
    const before = process.memoryUsage().rss;
    const peer = await startHostile('endless');
    const report = await diagnose(`127.0.0.1:${peer.port}`);
    await peer.stop();
    expect(top(report)).toBe('not-rdp-service');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('RDP_NEG_FAILURE with an undefined code on every request: named in the check and in negotiation-refused', async () => {
    const report = await diagnoseHostile('neg-failure-unknown', { failureCode: 0x99 });
    expect(check(report, 'rdp.negotiation')?.status).toBe('fail');
    expect(check(report, 'rdp.negotiation')?.summary).toContain('UNKNOWN_FAILURE_153');
    expect(top(report)).toBe('negotiation-refused');
    expect(report.findings[0]?.technical).toContain('UNKNOWN_FAILURE_153');
    expect(report.findings[0]?.fixes).toEqual([]);
  });
});

describe('TLS-level hostility', () => {
  const failing = (Object.keys(TLS_ALERTS) as TlsAlertName[]).filter((a) => a !== 'protocol_version');
  it.each(failing)('alert %s → tls-handshake-failed naming the alert', async (alert) => {
    const report = await diagnoseHostile('tls-alert', { alert });
    expect(top(report)).toBe('tls-handshake-failed');
    expect(report.findings[0]?.evidence['alert']).toEqual({ code: TLS_ALERTS[alert], name: alert });
  });

  it('alert protocol_version on every version → tls-version-mismatch', async () => {
    const report = await diagnoseHostile('tls-alert', { alert: 'protocol_version' });
    expect(top(report)).toBe('tls-version-mismatch');
  });

  it('a reset on the ClientHello → connection-dropped-during-negotiation', async () => {
    expect(top(await diagnoseHostile('tls-reset'))).toBe('connection-dropped-during-negotiation');
  });

  it('silence after the confirm → tls-handshake-failed (no answer)', async () => {
    const report = await diagnoseHostile('tls-silence');
    expect(top(report)).toBe('tls-handshake-failed');
    expect(report.findings[0]?.technical).toContain('no answer');
  });

  it('garbage glued after the confirm → tls-handshake-failed at once, no runaway re-reading', async () => {
    const before = process.memoryUsage().rss;
    const begin = performance.now();
    const report = await diagnoseHostile('garbage-after-cc');
    expect(performance.now() - begin).toBeLessThan(TIMEOUT);
    expect(top(report)).toBe('tls-handshake-failed');
    expect(report.findings[0]?.technical).toContain('right after the Connection Confirm');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('a certificate whose DER is broken → tls-handshake-failed with the parser error', async () => {
    const report = await diagnoseHostile('malformed-certificate');
    expect(top(report)).toBe('tls-handshake-failed');
    expect(report.findings[0]?.technical).toContain('malformed DER from the server');
    expect(check(report, 'tls.handshake')?.status).toBe('fail');
    expect(check(report, 'tls.certificate')?.status).toBe('skip');
  });

  it('a 60 KB certificate is still judged (self-signed, nothing worse)', async () => {
    const report = await diagnoseHostile('giant-certificate');
    expect(top(report)).toBe('certificate-self-signed');
    expect(check(report, 'tls.certificate')?.summary).toContain('localhost');
  });

  it('a chain of 100 certificates is capped and the leaf judged', async () => {
    const report = await diagnoseHostile('chain-100');
    expect(check(report, 'tls.certificate')?.status).toBe('pass');
    const chain = check(report, 'tls.handshake')?.evidence['chain'];
    expect(Array.isArray(chain) && chain.length).toBe(8);
    expect(report.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity))).toEqual([]);
  });
});

describe('CredSSP-level hostility', () => {
  it('bogus NTLM offsets: the identity check survives and reports the bad buffers', async () => {
    const report = await diagnoseHostile('credssp-bogus-offsets');
    expect(top(report)).toBe('certificate-self-signed');
    const ntlm = check(report, 'credssp.ntlm-info');
    expect(ntlm?.status).not.toBe('error');
    expect(text(ntlm?.evidence)).toMatch(/outside the \d+-byte message/);
  });

  it('looping duplicate AV pairs: read at most 64, duplicates ignored', async () => {
    const report = await diagnoseHostile('credssp-av-loop');
    expect(top(report)).toBe('certificate-self-signed');
    const evidence = text(check(report, 'credssp.ntlm-info')?.evidence);
    expect(evidence).toContain('LOOP');
    expect(evidence).toMatch(/duplicate AV pair 1 ignored/);
    expect(evidence).toMatch(/stopped after 64 AV pairs/);
  });

  it('a 2 GiB TSRequest streamed without end: refused at the size limit, memory bounded', async () => {
    const before = process.memoryUsage().rss;
    const report = await diagnoseHostile('credssp-endless');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    const ntlm = check(report, 'credssp.ntlm-info');
    expect(ntlm?.status).toBe('error');
    expect(ntlm?.summary).toMatch(/exceeds the \d+-byte limit/);
    expect(top(report)).toBe('certificate-self-signed');
  });

  it('plain bytes under TLS instead of a TSRequest: a readable error, free of OpenSSL internals', async () => {
    const report = await diagnoseHostile('credssp-garbage-record');
    const ntlm = check(report, 'credssp.ntlm-info');
    expect(ntlm?.status).toBe('error');
    expect(ntlm?.summary).toContain('bad record mac');
    expect(top(report)).toBe('certificate-self-signed');
    expect(ntlm?.summary).not.toMatch(/deps\/openssl|:error:|\.c:\d+/);
  });
});

describe('gateway hostility', () => {
  it.each(['ok-garbage', 'not-http', 'not-found', 'hang', 'drop'] as const)('gateway %s → gateway-bad-response first', async (mode) => {
    const gateway = await startGatewayStandin({ mode });
    const peer = await startHostile('tls-alert');
    try {
      const report = await diagnose(`127.0.0.1:${peer.port}`, `127.0.0.1:${gateway.port}`);
      expect(top(report)).toBe('gateway-bad-response');
      expect(check(report, 'gateway.probe')?.status).toBe('fail');
    } finally {
      await Promise.all([gateway.stop(), peer.stop()]);
    }
  });
});

describe('hostile peers posing as the gateway', () => {
  it.each([
    ['http-banner', 'gateway-bad-response'],
    ['tls-alert', 'gateway-bad-response'],
    ['reset-mid-header', 'gateway-bad-response'],
    ['slowloris', 'gateway-unreachable'],
  ] as const)('gateway is %s → %s first, summary free of OpenSSL internals', async (kind, finding) => {
    const gateway = await startHostile(kind);
    const peer = await startHostile('tls-alert');
    try {
      const report = await diagnose(`127.0.0.1:${peer.port}`, `127.0.0.1:${gateway.port}`);
      expect(top(report)).toBe(finding);
      expect(check(report, 'gateway.probe')?.summary).not.toMatch(/deps\/openssl|:error:|\.c:\d+/);
    } finally {
      await Promise.all([gateway.stop(), peer.stop()]);
    }
  });
});

describe('cancellation against a hostile peer', () => {
  it.each(Object.keys(HOSTILE_BEHAVIOURS) as HostileKind[])('cancelled 50 ms into %s: settles at once and leaves no socket open', async (kind) => {
    const peer = await startHostile(kind);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const begin = performance.now();
    const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
    const report = await runDiagnosis('abort', { target: `127.0.0.1:${peer.port}`, timeoutMs: 5000 }, deps, () => {}, controller.signal);
    expect(performance.now() - begin).toBeLessThan(1000);
    expect(ReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
    await expect.poll(() => peer.open, { timeout: 500, interval: 20 }).toBe(0);
    await peer.stop();
  });

  it('aborting a diagnosis stuck on a slowloris peer settles at once, claiming nothing', async () => {
    const peer = await startHostile('slowloris');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const begin = performance.now();
    const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
    const report = await runDiagnosis('abort', { target: `127.0.0.1:${peer.port}`, timeoutMs: 5000 }, deps, () => {}, controller.signal);
    await peer.stop();
    expect(performance.now() - begin).toBeLessThan(1000);
    expect(report.findings).toEqual([]);
    expect(check(report, 'rdp.negotiation')?.summary).toBe('Cancelled.');
  });
});

describe('our own load is not the network', () => {
  it('a silent port diagnosed while our event loop is busy (as with hundreds of targets): no latency or loss finding', async () => {
    const peer = await startStandIn('hang');
    // Other work holds the loop 350 ms at a time, as a batch's TLS handshakes and reports do: a connect completed on
    // loopback in a fraction of a millisecond is noticed only when that work yields.
    const burn = setInterval(() => {
      const end = performance.now() + 350;
      while (performance.now() < end);
    }, 0);
    let report: Report;
    try {
      report = await diagnose(`127.0.0.1:${peer.port}`);
    } finally {
      clearInterval(burn);
      await peer.stop();
    }
    expect(top(report)).toBe('negotiation-timeout');
    const latency = check(report, 'net.tcp')?.evidence['latency'] as { medianMs: number; pathMedianMs: number };
    // The connects did read slow: the queueing was there to be measured, and the judgement took it out.
    expect(latency.medianMs).toBeGreaterThan(HIGH_LATENCY_MS);
    expect(latency.pathMedianMs).toBeLessThan(50);
    expect(check(report, 'net.tcp')?.evidence).toMatchObject({ highLatency: false, packetLoss: false });
    expect(report.findings.map((f) => f.id)).not.toContain('high-latency');
    expect(report.findings.map((f) => f.id)).not.toContain('packet-loss');
  });
});

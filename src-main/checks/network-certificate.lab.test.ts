/** Integration: the network and certificate checks and rules through the real engine, against real xrdp servers. */
import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startXrdp, stopAll } from '../../e2e/lab';
import { diagnose } from '../diagnosis';
import { createFileKnownHosts } from '../net/known-hosts-file';
import type { KnownHostsStore } from '../net/known-hosts-store';
import { parseTarget } from '../net/target';
import { runChecks } from '../service/check-engine';
import type { CheckId } from '../shared/ids';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rdpd-lab-kh-'));
});
afterAll(async () => {
  await stopAll();
  await rm(dir, { recursive: true, force: true });
});

const IDS: CheckId[] = ['dns.resolve', 'dns.reverse', 'net.tcp', 'tls.certificate', 'alt.ip-vs-name'];

async function run(target: string, knownHosts: KnownHostsStore) {
  const noop = () => undefined;
  const parsed = parseTarget(target);
  // Many bounded probes listen on the one diagnosis signal at once (the service does the same).
  const controller = new AbortController();
  setMaxListeners(100, controller.signal);
  const results = await runChecks(
    IDS,
    {
      target: parsed,
      options: { timeoutMs: 3000, gateway: null, errorHint: null, clientSettings: null },
      signal: controller.signal,
      now: () => new Date(),
      windows: null,
      knownHosts,
    },
    { onStart: noop, onProgress: noop, onFinish: noop },
    { deadlineMs: 7000 },
  );
  // Evidence must survive JSON unchanged (no Buffers, Maps, undefined or NaN).
  for (const r of results) expect(JSON.parse(JSON.stringify(r.evidence))).toStrictEqual(r.evidence);
  const checks = new Map(results.map((r) => [r.id, r]));
  return { checks, findings: diagnose({ target: parsed, checks, errorHint: null, clientSettings: null, now: new Date() }) };
}

describe('network and certificate checks against xrdp', () => {
  it('an expired certificate: tcp passes, tls.certificate fails, certificate-expired with the renew fix', async () => {
    const x = await startXrdp({ securityLayer: 'tls', cert: 'expired' });
    try {
      const { checks, findings } = await run(`127.0.0.1:${x.port}`, createFileKnownHosts(dir));
      expect(checks.get('net.tcp')?.status).toBe('pass');
      const cert = checks.get('tls.certificate');
      expect(cert?.status).toBe('fail');
      expect(cert?.evidence['sha256']).toBe(x.sha256.replace(/:/g, ''));
      const expired = findings.find((f) => f.id === 'certificate-expired');
      expect(expired?.fixes).toContain('server.renew-certificate');
      expect(findings.some((f) => f.id === 'port-refused' || f.id === 'port-unreachable')).toBe(false);
    } finally {
      await x.stop();
    }
  });

  it('a wrong-name certificate by name: name mismatch, and remembered in the known-hosts file', async () => {
    const x = await startXrdp({ securityLayer: 'tls', cert: 'wrong-name' });
    try {
      const store = createFileKnownHosts(dir);
      const { checks, findings } = await run(`localhost:${x.port}`, store);
      expect(checks.get('tls.certificate')?.status).toBe('warn');
      expect(findings.map((f) => f.id)).toContain('certificate-name-mismatch');
      expect(checks.get('alt.ip-vs-name')?.evidence['verdict']).toBe('both-work');
      expect((await createFileKnownHosts(dir).get(`localhost:${x.port}`))?.sha256).toBe(x.sha256.replace(/:/g, ''));
    } finally {
      await x.stop();
    }
  });

  it('a closed port: port-refused comes first and nothing downstream is blamed', async () => {
    const port = await closedPort();
    const { checks, findings } = await run(`127.0.0.1:${port}`, createFileKnownHosts(dir));
    expect(checks.get('net.tcp')?.status).toBe('fail');
    expect(checks.get('tls.certificate')?.status).toBe('skip');
    expect(findings[0]?.id).toBe('port-refused');
  });
});

/** Integration: the three wire checks against real xrdp servers started by the lab. */
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startXrdp, stopAll } from '../../e2e/lab';
import { setStagedNegotiation } from '../net/negotiation';
import { credsspNtlmInfoCheck } from './credssp-ntlm-info.check';
import { rdpNegotiationCheck } from './rdp-negotiation.check';
import { contractEvidence, makeTestContext } from './test-context';
import { tlsHandshakeCheck } from './tls-handshake.check';
import type { CheckContext, CheckOutcome } from './types';

afterAll(() => stopAll());

async function runAll(ctx: CheckContext): Promise<{ neg: CheckOutcome<'rdp.negotiation'>; tls: CheckOutcome<'tls.handshake'>; cred: CheckOutcome<'credssp.ntlm-info'> }> {
  const neg = await rdpNegotiationCheck.run(ctx);
  const [tls, cred] = await Promise.all([tlsHandshakeCheck.run(ctx), credsspNtlmInfoCheck.run(ctx)]);
  return { neg, tls, cred };
}
const derOf = (pem: string): string => new X509Certificate(pem).raw.toString('base64');

describe('xrdp (real peer)', () => {
  it('negotiate: RDP and SSL selected exactly, TLS works, chain is the served certificate, no NLA identity', async () => {
    const x = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    try {
      const ctx = makeTestContext({ target: `127.0.0.1:${x.port}` });
      const { neg, tls, cred } = await runAll(ctx);
      expect(neg.status).toBe('pass');
      expect(neg.evidence).toMatchObject({ service: 'rdp', supported: ['RDP', 'SSL'], nlaRequired: false, rdpSecurityAllowed: true });
      expect(tls.status).toBe('pass');
      expect(tls.evidence.chain).toEqual([derOf(x.certPem)]);
      expect(tls.evidence.negotiated).toMatchObject({ version: expect.stringMatching(/^TLSv1\.[23]$/) });
      expect((tls.evidence.versions as Record<string, { ok: boolean }>)['TLSv1.2']!.ok).toBe(true);
      expect(cred).toMatchObject({ status: 'skip', evidence: { reason: 'hybrid-not-offered' } });
      expect(ctx.messages.length).toBeGreaterThan(0);
    } finally {
      await x.stop();
    }
  });
  it('staged as in a batch (the lead first, the five after its answer): the same answers, and TLS over the lead', async () => {
    const x = await startXrdp({ securityLayer: 'tls', cert: 'valid' });
    setStagedNegotiation(true);
    try {
      const ctx = makeTestContext({ target: `127.0.0.1:${x.port}` });
      const { neg, tls } = await runAll(ctx);
      expect(neg.evidence).toMatchObject({ service: 'rdp', supported: ['SSL'], rdpSecurityAllowed: false });
      expect(neg.evidence.failures).toMatchObject({ RDP: 'SSL_REQUIRED_BY_SERVER' });
      // Every probe was sent: each has a connection of its own, in the plans' order.
      const probes = contractEvidence('rdp.negotiation', neg).probes;
      expect(probes.map((p) => p.protocol)).toEqual(['RDP', 'SSL', 'HYBRID', 'HYBRID_EX', 'RDSTLS', 'RDSAAD']);
      expect(probes.every((p) => p.connectMs !== null)).toBe(true);
      expect(tls.status).toBe('pass');
      expect(tls.evidence.chain).toEqual([derOf(x.certPem)]);
    } finally {
      setStagedNegotiation(false);
      await x.stop();
    }
  });

  it('a name: the probes reach the address the TCP check found and TLS still sends the name', async () => {
    const x = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    try {
      const ctx = makeTestContext({ target: `localhost:${x.port}` });
      const { neg, tls } = await runAll(ctx);
      expect(neg.status).toBe('pass');
      expect(neg.evidence).toMatchObject({ service: 'rdp', supported: ['RDP', 'SSL'] });
      expect(tls.status).toBe('pass');
      // The TCP connects were made once, by name resolution, and shared through the memo.
      expect(await ctx.memo('tcp:connect:localhost:' + x.port, async () => [])).toEqual([expect.objectContaining({ address: '127.0.0.1', kind: 'open' })]);
    } finally {
      await x.stop();
    }
  });
  it('tls: only SSL, RDP refused with SSL_REQUIRED_BY_SERVER; an expired certificate still yields its chain', async () => {
    const x = await startXrdp({ securityLayer: 'tls', cert: 'expired' });
    try {
      const { neg, tls } = await runAll(makeTestContext({ target: `127.0.0.1:${x.port}` }));
      expect(neg.evidence).toMatchObject({ supported: ['SSL'], rdpSecurityAllowed: false, failures: { RDP: 'SSL_REQUIRED_BY_SERVER' } });
      expect(tls.evidence.chain).toEqual([derOf(x.certPem)]);
    } finally {
      await x.stop();
    }
  });
  it('sends SNI only for a name, and a wrong-name certificate is still read', async () => {
    const x = await startXrdp({ securityLayer: 'tls', cert: 'wrong-name' });
    try {
      const byName = await runAll(makeTestContext({ target: `localhost:${x.port}` }));
      expect(byName.tls.evidence).toMatchObject({ servername: 'localhost', chain: [derOf(x.certPem)] });
      const byAddress = await runAll(makeTestContext({ target: `127.0.0.1:${x.port}` }));
      expect(byAddress.tls.evidence.servername).toBeNull();
    } finally {
      await x.stop();
    }
  });
  it('rdp: only Standard RDP Security, TLS skipped with the reason', async () => {
    const x = await startXrdp({ securityLayer: 'rdp' });
    try {
      const { neg, tls, cred } = await runAll(makeTestContext({ target: `127.0.0.1:${x.port}` }));
      expect(neg.status).toBe('warn');
      expect(neg.evidence).toMatchObject({ supported: ['RDP'], rdpSecurityOnly: true });
      expect(tls).toMatchObject({ status: 'skip', evidence: { reason: 'rdp-security-only' } });
      expect(cred.status).toBe('skip');
    } finally {
      await x.stop();
    }
  });
});

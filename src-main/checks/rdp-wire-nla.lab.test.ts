/** Integration: the wire checks and rules against a real NLA-only server (freerdp-shadow-cli) from the lab. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShadow, stopAll, type LabShadow } from '../../e2e/lab';
import { runNegotiationRules } from '../diagnosis/rules/negotiation.rules';
import type { Evidence } from '../diagnosis/types';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import { credsspNtlmInfoCheck } from './credssp-ntlm-info.check';
import { rdpNegotiationCheck } from './rdp-negotiation.check';
import { makeTestContext } from './test-context';
import { tlsHandshakeCheck } from './tls-handshake.check';
import type { CheckDefinition } from './types';

let shadow: LabShadow;
beforeAll(async () => {
  shadow = await startShadow();
});
afterAll(() => stopAll());

describe('freerdp-shadow with NLA (real peer)', () => {
  it('requires HYBRID, does TLS, and reveals this host name, build and a close clock without logging on', async () => {
    const ctx = makeTestContext({ target: `127.0.0.1:${shadow.port}` });
    const neg = await rdpNegotiationCheck.run(ctx);
    expect(neg.evidence).toMatchObject({
      service: 'rdp',
      supported: ['HYBRID'],
      nlaRequired: true,
      rdpSecurityAllowed: false,
      failures: { RDP: 'HYBRID_REQUIRED_BY_SERVER', SSL: 'HYBRID_REQUIRED_BY_SERVER' },
    });
    const tls = await tlsHandshakeCheck.run(ctx);
    expect(tls.status).toBe('pass');
    expect((tls.evidence.chain as string[]).length).toBeGreaterThan(0);
    const cred = await credsspNtlmInfoCheck.run(ctx);
    expect(cred.status).toBe('pass');
    const names = [cred.evidence.netbiosComputer, cred.evidence.dnsComputer].map((n) => String(n).toLowerCase());
    expect(names.some((n) => n.includes(shadow.hostname.toLowerCase().slice(0, 15)))).toBe(true);
    expect(Math.abs(cred.evidence.clockSkewSeconds as number)).toBeLessThan(5);
    expect(cred.evidence.osVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(shadow.output()).not.toMatch(/AUTHENTICATE|Could not find user/i);
  });
  it('with a file that turns CredSSP off, the rules name nla-required-client-disabled', async () => {
    const ctx = makeTestContext({ target: `127.0.0.1:${shadow.port}` });
    const results = new Map<CheckId, CheckResult>();
    for (const check of [rdpNegotiationCheck, tlsHandshakeCheck, credsspNtlmInfoCheck] as CheckDefinition[]) {
      const o = await check.run(ctx);
      results.set(check.id, { id: check.id, section: CHECK_META[check.id].section, title: check.id, durationMs: 0, ...o });
    }
    const ev: Evidence = {
      target: ctx.target,
      checks: results,
      errorHint: null,
      now: new Date(),
      clientSettings: { enableCredSsp: false, authenticationLevel: 2, negotiateSecurityLayer: true, port: null, gateway: null, address: null, fileName: 'lab.rdp' },
    };
    expect(runNegotiationRules(ev).map((d) => d.id)).toEqual(['nla-required-client-disabled']);
  });
});

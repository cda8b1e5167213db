import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CHECK_META } from '../../shared/catalog';
import type { CheckId } from '../../shared/ids';
import type { CheckResult, DecodeResult } from '../../shared/schema';
import { makeTestContext } from '../../checks/test-context';
import { CHECKS } from '../../checks/registry';
import { CLIENT_CHECK_IDS } from '../../shared/ids';
import { createReplaySource } from '../../windows/replay-source';
import { parseTarget } from '../../net/target';
import type { Evidence } from '../types';
import { clientRules } from './client.rules';
import { clientEventSignals } from './client-evidence';

const FIXTURES = join(__dirname, '../../../e2e/fixtures/windows');

/** Runs the real client checks on a recorded machine and returns the Evidence the rules see. */
async function evidenceFrom(machine: string, target: string, extra: CheckResult[] = [], errorHint: DecodeResult | null = null): Promise<Evidence> {
  const ctx = makeTestContext({ target, windows: createReplaySource(join(FIXTURES, machine)) });
  const checks = new Map<CheckId, CheckResult>();
  for (const id of CLIENT_CHECK_IDS) {
    const out = await CHECKS[id].run(ctx);
    checks.set(id, { id, section: CHECK_META[id].section, title: CHECK_META[id].title, durationMs: 1, ...out });
  }
  for (const r of extra) checks.set(r.id, r);
  return { target: parseTarget(target), checks, errorHint, clientSettings: null, now: new Date('2026-11-22T09:00:00Z') };
}

const ids = (ev: Evidence): string[] => clientRules.flatMap((r) => r(ev)).map((d) => d.id).sort();
const ntlm = (build: number): CheckResult => ({ id: 'credssp.ntlm-info', section: 'credentials', status: 'pass', title: '', summary: '', durationMs: 1, evidence: { osBuild: build } });

describe('client rules on recorded machines', () => {
  it('find nothing on the healthy client', async () => {
    expect(ids(await evidenceFrom('healthy-client', 'rdp-lab.example'))).toEqual([]);
  });

  it('name saved credentials, the bad .rdp, security software and the pending reboot on the problem client', async () => {
    const ev = await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1');
    expect(ids(ev)).toEqual(['pending-reboot', 'rdp-file-invalid', 'saved-credentials-stale', 'security-software-interference']);
    const creds = clientRules.flatMap((r) => r(ev)).find((d) => d.id === 'saved-credentials-stale');
    expect(creds).toMatchObject({ fixes: ['credentials.clear'], checks: ['client.saved-credentials', 'client.events'], evidence: { disconnectReasons: [2308, 2308] } });
    expect(clientEventSignals(ev)).toMatchObject({ ran: true, reasons: [2308, 2308], failedAttempts: 2 });
  });

  it('add the CredSSP oracle mismatch when the dialog text names it, or an old server fails', async () => {
    const hint: DecodeResult = { input: 'An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation.', codes: [], summary: '', corrections: [], steer: 'credentials' };
    const named = await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [], hint);
    const draft = clientRules.flatMap((r) => r(named)).find((d) => d.id === 'credssp-oracle-mismatch');
    expect(draft?.confidence).toBeGreaterThan(0.8);
    expect(draft?.fixes).toEqual(['client.credssp-oracle']);
    expect(draft?.explanation).toMatch(/insecure/);
    const old = await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [ntlm(9600)]);
    expect(ids(old)).toContain('credssp-oracle-mismatch');
    const newer = await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [ntlm(20348)]);
    expect(ids(newer)).not.toContain('credssp-oracle-mismatch');
  });

  it('stop naming the oracle once the client fix is replayed', async () => {
    const windows = createReplaySource(join(FIXTURES, 'client-saved-creds-nla-off'));
    windows.setFixApplied('client.credssp-oracle', true);
    const ctx = makeTestContext({ target: '127.0.0.1', windows });
    const policy = await CHECKS['client.policy'].run(ctx);
    const ev: Evidence = {
      target: parseTarget('127.0.0.1'),
      checks: new Map([['client.policy', { id: 'client.policy', section: 'auth', title: '', durationMs: 1, ...policy }], ['credssp.ntlm-info', ntlm(9600)]]),
      errorHint: null, clientSettings: null, now: new Date(),
    };
    expect(ids(ev)).not.toContain('credssp-oracle-mismatch');
  });

  it('see the VPN on the path and the UDP drops on the German client', async () => {
    const ev = await evidenceFrom('client-de-DE', 'rdp-lab.example');
    // The 2308 there ended a session that had logged on, so it is no TLS-stage failure for the security-software rule.
    expect(ids(ev)).toEqual(['client-udp-unstable', 'pending-reboot', 'saved-credentials-stale', 'vpn-active']);
    const udp = clientRules.flatMap((r) => r(ev)).find((d) => d.id === 'client-udp-unstable');
    expect(udp?.fixes).toEqual(['client.disable-udp']);
  });

  it('raise UDP confidence for a 24H2 client against Server 2016', async () => {
    const base = await evidenceFrom('client-de-DE', 'rdp-lab.example');
    const versions = base.checks.get('client.versions');
    const checks = new Map(base.checks);
    checks.set('client.versions', { ...(versions as CheckResult), evidence: { ...(versions as CheckResult).evidence, build: 26100 } });
    checks.set('credssp.ntlm-info', ntlm(14393));
    const c = (ev: Evidence) => clientRules.flatMap((r) => r(ev)).find((d) => d.id === 'client-udp-unstable')?.confidence ?? 0;
    expect(c({ ...base, checks })).toBeGreaterThan(c(base));
  });

  it('ignore skipped and errored checks', () => {
    const skipped: CheckResult = { id: 'client.saved-credentials', section: 'credentials', status: 'error', title: '', summary: 'x', durationMs: 1, evidence: { matched: [{ target: 'TERMSRV/x' }] } };
    const ev: Evidence = { target: parseTarget('x'), checks: new Map([['client.saved-credentials', skipped]]), errorHint: null, clientSettings: null, now: new Date() };
    expect(ids(ev)).toEqual([]);
  });
});

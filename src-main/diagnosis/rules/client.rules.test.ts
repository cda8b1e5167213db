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
import { diagnose } from '../index';
import { judgeCredSsp } from '../../checks/credssp-ntlm-info.check';

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

const ids = (ev: Evidence): string[] =>
  clientRules
    .flatMap((r) => r(ev))
    .map((d) => d.id)
    .sort();
const draft = (ev: Evidence, id: string) => clientRules.flatMap((r) => r(ev)).find((d) => d.id === id);

/** credssp.ntlm-info as the check judges a server of `build` answering with CredSSP `version`. */
function ntlm(build: number, version = 6): CheckResult {
  const challenge = {
    targetName: 'LAB',
    flags: 0,
    serverChallenge: '00',
    netbiosComputer: 'APP',
    netbiosDomain: 'LAB',
    dnsComputer: 'app-legacy.example',
    dnsDomain: 'example',
    dnsTree: null,
    timestamp: null,
    version: { major: 10, minor: 0, build, revision: 15 },
    avIds: [],
    warnings: [],
  };
  const out = judgeCredSsp(
    { ok: true, tls: { ok: true, ms: 3 }, tsRequestVersion: version, challenge, ms: 9 },
    parseTarget('app-legacy.example'),
    new Date('2026-11-22T09:00:00Z'),
  );
  return { id: 'credssp.ntlm-info', section: CHECK_META['credssp.ntlm-info'].section, title: '', durationMs: 1, ...out, evidence: { ...out.evidence } };
}

describe('client rules on recorded machines', () => {
  it('find nothing on the healthy client', async () => {
    expect(ids(await evidenceFrom('healthy-client', 'rdp-lab.example'))).toEqual([]);
  });

  it('find nothing of medium or above on a client whose saved password works (one mistyped password, settled by the next logon)', async () => {
    const ev = await evidenceFrom('client-saved-creds-working', 'rdp-lab.example');
    expect(ids(ev)).toEqual([]);
    expect(diagnose(ev).filter((f) => ['critical', 'high', 'medium'].includes(f.severity))).toEqual([]);
  });

  it('name the stale saved password on the German client refused at logon (2055, 2055, then 2308), high and first', async () => {
    const ev = await evidenceFrom('client-de-DE-stale-password', 'rdp-lab.example');
    const found = diagnose(ev);
    expect(found[0]).toMatchObject({ id: 'saved-credentials-stale', severity: 'high', fixes: ['credentials.clear'], checks: ['client.saved-credentials', 'client.events'] });
    expect(found[0]?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(found[0]?.evidence).toMatchObject({
      targets: ['TERMSRV/rdp-lab.example'],
      users: ['LAB\\bernd'],
      logonFailureReasons: [2055, 2055],
      lastLogonUtc: '2026-11-17T08:05:12.310Z',
    });
    expect(found[0]?.explanation).toContain('the logon failed (user name or password)');
    expect(found[0]?.explanation).toContain('2026-11-17');
    expect(found[0]?.technical).toContain('2055 (0x807) ×2');
    expect(found.map((f) => f.id)).not.toContain('logon-failed');
  });

  it('without a saved password the same refusals name the sign-in itself', async () => {
    const ev = await evidenceFrom('client-de-DE-stale-password', 'rdp-lab.example');
    const checks = new Map(ev.checks);
    checks.delete('client.saved-credentials');
    const found = diagnose({ ...ev, checks });
    expect(found[0]).toMatchObject({ id: 'logon-failed', severity: 'high', checks: ['client.events'], fixes: [] });
    expect(found[0]?.explanation).toMatch(/The last 2 attempts to rdp-lab\.example reached the server and were turned away at sign-in: the logon failed \(user name or password\)/);
  });

  it('no longer call saved credentials stale on 2308 disconnects alone; only a dialog that points at credentials does, at medium', async () => {
    const ev = await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1');
    expect(ids(ev)).toEqual(['pending-reboot', 'rdp-file-invalid', 'security-software-interference']);
    expect(clientEventSignals(ev)).toMatchObject({ ran: true, reasons: [2308, 2308], failedAttempts: 2, logonFailures: [] });
    const hint: DecodeResult = { input: '0x807', codes: [], summary: '', corrections: [], steer: 'credentials' };
    const hinted = draft(await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [], hint), 'saved-credentials-stale');
    expect(hinted).toMatchObject({ confidence: 0.45, checks: ['client.saved-credentials'] });
    expect(hinted?.severity).toBeUndefined();
  });

  it('CredSSP oracle: needs both sides — the client policy (not set, or Force Updated Clients) and an old server CredSSP, its own 0x80090302 refusals or the dialog', async () => {
    const unset = await evidenceFrom('client-credssp-oracle', 'app-legacy.example');
    // The client's own refusals alone: medium-strong, and no server evidence yet.
    expect(draft(unset, 'credssp-oracle-mismatch')).toMatchObject({ confidence: 0.7, checks: ['client.policy', 'client.events'] });
    // Plus a server still on the old CredSSP (version 3, Server 2012 R2): both sides agree, high and first.
    const withOld = await evidenceFrom('client-credssp-oracle', 'app-legacy.example', [ntlm(9600, 3)]);
    const top = diagnose(withOld)[0];
    expect(top).toMatchObject({ id: 'credssp-oracle-mismatch', severity: 'high', fixes: ['client.credssp-oracle'], contradictions: [] });
    expect(top?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(top?.technical).toContain('not set, which Windows treats as Mitigated (1)');
    expect(top?.technical).toContain('server TSRequest version 3 (build 9600)');
    expect(top?.explanation).toContain('that is the Windows default');
    // A server whose CredSSP has the update contradicts the refusals: no longer a plausible blocker.
    const patched = diagnose(await evidenceFrom('client-credssp-oracle', 'app-legacy.example', [ntlm(14393, 6)])).find((f) => f.id === 'credssp-oracle-mismatch');
    expect(patched?.contradictions.join(' ')).toContain('CredSSP version 6');
    expect(patched?.confidence).toBeLessThan(0.6);
    // The same client on the server that works: nothing.
    expect(ids(await evidenceFrom('client-credssp-oracle', 'rdp-lab.example', [ntlm(20348, 6)]))).toEqual([]);
  });

  it('CredSSP oracle: Force Updated Clients set by policy ranks the same against an old CredSSP, and an old build alone is not enough', async () => {
    const forced = diagnose(await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [ntlm(9600, 3)])).find((f) => f.id === 'credssp-oracle-mismatch');
    expect(forced).toMatchObject({ severity: 'high', checks: ['credssp.ntlm-info', 'client.policy'] });
    expect(forced?.confidence).toBe(0.75);
    expect(forced?.technical).toContain('Force Updated Clients (0), set by policy');
    // Not set means Mitigated, which refuses an old CredSSP just the same (KB 4093492's table): same severity and confidence.
    const unset = diagnose(await evidenceFrom('healthy-client', '127.0.0.1', [ntlm(9600, 3)])).find((f) => f.id === 'credssp-oracle-mismatch');
    expect(unset).toMatchObject({ severity: forced?.severity, confidence: forced?.confidence });
    expect(unset?.technical).toContain('not set, which Windows treats as Mitigated (1)');
    // Server 2016's build with the update installed (CredSSP 6): the 2308s are not this cause.
    expect(ids(await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [ntlm(14393, 6)]))).not.toContain('credssp-oracle-mismatch');
    expect(ids(await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [ntlm(20348, 6)]))).not.toContain('credssp-oracle-mismatch');
  });

  it('CredSSP oracle: the dialog text alone names it', async () => {
    const hint: DecodeResult = {
      input: 'An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation.',
      codes: [],
      summary: '',
      corrections: [],
      steer: 'credentials',
    };
    const named = draft(await evidenceFrom('client-saved-creds-nla-off', '127.0.0.1', [], hint), 'credssp-oracle-mismatch');
    expect(named?.confidence).toBeGreaterThan(0.8);
    expect(named?.fixes).toEqual(['client.credssp-oracle']);
    expect(named?.explanation).toMatch(/insecure/);
  });

  it('stop naming the oracle once the client fix is replayed', async () => {
    const windows = createReplaySource(join(FIXTURES, 'client-saved-creds-nla-off'));
    windows.setFixApplied('client.credssp-oracle', true);
    const ctx = makeTestContext({ target: '127.0.0.1', windows });
    const policy = await CHECKS['client.policy'].run(ctx);
    const ev: Evidence = {
      target: parseTarget('127.0.0.1'),
      checks: new Map([
        ['client.policy', { id: 'client.policy', section: 'auth', title: '', durationMs: 1, ...policy }],
        ['credssp.ntlm-info', ntlm(9600, 3)],
      ]),
      errorHint: null,
      clientSettings: null,
      now: new Date(),
    };
    expect(ids(ev)).not.toContain('credssp-oracle-mismatch');
  });

  it('see the VPN on the path and the UDP drops on the German client', async () => {
    const ev = await evidenceFrom('client-de-DE', 'rdp-lab.example');
    // The 2308 there ended a session that had logged on, so it is no TLS-stage failure for the security-software rule,
    // and the saved password logged on: no stale credentials.
    expect(ids(ev)).toEqual(['client-udp-unstable', 'pending-reboot', 'vpn-active']);
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
    const skipped: CheckResult = {
      id: 'client.saved-credentials',
      section: 'credentials',
      status: 'error',
      title: '',
      summary: 'x',
      durationMs: 1,
      evidence: { matched: [{ target: 'TERMSRV/x' }] },
    };
    const ev: Evidence = { target: parseTarget('x'), checks: new Map([['client.saved-credentials', skipped]]), errorHint: null, clientSettings: null, now: new Date() };
    expect(ids(ev)).toEqual([]);
  });
});

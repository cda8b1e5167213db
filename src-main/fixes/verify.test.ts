import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../shared/schema';
import { changesOf } from './changes';
import { intendedState } from './intended-state';
import { judgeVerification } from './verify';

const check = (id: CheckResult['id'], status: CheckResult['status'], evidence: Record<string, unknown> = {}, summary = `${id} ${status}`): CheckResult => ({
  id,
  section: 'auth',
  status,
  title: id,
  summary,
  durationMs: 1,
  evidence,
});
const finding = (id: Finding['id'], checks: Finding['checks'], fixes: Finding['fixes']): Finding => ({
  id,
  section: 'auth',
  severity: 'high',
  confidence: 0.8,
  title: `title of ${id}`,
  explanation: '',
  technical: '',
  checks,
  fixes,
  evidence: {},
  contradictions: [],
});

const oracle = finding('credssp-oracle-mismatch', ['client.policy'], ['client.credssp-oracle']);
const policyAfter = check('client.policy', 'warn', { allowEncryptionOracle: 2 }, 'CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2), an insecure workaround.');
const base = { fixId: 'client.credssp-oracle', option: undefined, verifyChecks: ['client.policy'] } as const;

describe('judgeVerification', () => {
  it('verifies "Allow vulnerable CredSSP" by AllowEncryptionOracle=2 although the check warns about it', () => {
    const { result, message } = judgeVerification({ ...base, checks: [policyAfter], answered: [oracle], after: [] });
    expect(result.verified).toBe(true);
    expect(result.intended).toEqual({ words: 'CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2)', reached: true });
    expect(message).toBe('Verified: CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2). "title of credssp-oracle-mismatch" no longer shows.');
  });

  it('is not verified when the intended value is not there (a Group Policy put the old one back)', () => {
    const { result, message } = judgeVerification({
      ...base,
      checks: [check('client.policy', 'pass', { allowEncryptionOracle: 0 }, 'CredSSP oracle policy: Force Updated Clients.')],
      answered: [oracle],
      after: [oracle],
    });
    expect(result.verified).toBe(false);
    expect(result.intended?.reached).toBe(false);
    expect(message).toMatch(/^Not verified: the checks do not show that CredSSP is set to "Vulnerable"/);
  });

  it('is not verified when the answered finding still shows on the very checks the fix changes', () => {
    const { result, message } = judgeVerification({ ...base, checks: [policyAfter], answered: [oracle], after: [oracle] });
    expect(result.verified).toBe(false);
    expect(result.remaining).toEqual([{ id: 'credssp-oracle-mismatch', title: 'title of credssp-oracle-mismatch', explained: null }]);
    expect(message).toBe('Not verified: CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2), but "title of credssp-oracle-mismatch" still shows.');
  });

  it('a finding that also rests on evidence the fix cannot change is explained, and the fix verified', () => {
    const stale = finding('saved-credentials-stale', ['client.saved-credentials', 'client.events'], ['credentials.clear']);
    const { result, message } = judgeVerification({
      fixId: 'credentials.clear',
      option: undefined,
      verifyChecks: ['client.saved-credentials'],
      checks: [check('client.saved-credentials', 'pass', { matched: [] })],
      answered: [stale],
      after: [stale],
    });
    expect(result.verified).toBe(true);
    expect(result.remaining[0]?.explained).toMatch(/client event log, which this fix does not change; connect again to confirm\.$/);
    expect(message).toMatch(/^Verified: no saved credential for this computer is left\. "title of saved-credentials-stale" still shows\. It also rests on/);
  });

  it('falls back to the checks passing when they cannot show the state, and without a diagnosis judges the state alone', () => {
    expect(
      judgeVerification({ fixId: 'dns.flush', option: undefined, verifyChecks: ['dns.resolve'], checks: [check('dns.resolve', 'error')], answered: [], after: null }).result
        .verified,
    ).toBe(false);
    expect(judgeVerification({ ...base, checks: [policyAfter], answered: [], after: null }).result.verified).toBe(true);
  });
});

describe('intendedState', () => {
  it('reads the state each fix aims at, and says "cannot tell" for missing evidence', () => {
    expect(intendedState('server.set-security-layer', [check('server.security-layer', 'pass', { securityLayer: { value: 2 } })], { option: '2' })).toEqual({
      words: "the host's security layer is TLS (SecurityLayer=2)",
      reached: true,
    });
    expect(intendedState('server.set-security-layer', [check('server.security-layer', 'pass', { securityLayer: { value: 1 } })], { option: 'tls' }).reached).toBe(false);
    expect(intendedState('server.reset-machinekeys-acl', [check('server.machinekeys', 'pass', { folder: { deviations: [] } })]).reached).toBe(true);
    expect(intendedState('server.enable-rdp', [check('server.rdp-enabled', 'pass', { isEnabled: 'yes' })]).reached).toBeNull();
    expect(intendedState('client.disable-udp', []).reached).toBeNull();
  });
});

describe('changesOf', () => {
  const target = { input: 'pc-042', host: 'pc-042', port: 3389, isAddress: false };
  it('shows the current value from the diagnosis and the new one, in words', () => {
    const report = {
      checks: [check('client.policy', 'pass', { allowEncryptionOracle: 0 }), check('client.saved-credentials', 'warn', { matched: [{ user: 'LAB\\anna' }] })],
    } as never;
    expect(changesOf('client.credssp-oracle', target, undefined, report)).toEqual([
      { what: 'CredSSP encryption oracle policy (AllowEncryptionOracle)', from: 'Force Updated Clients (0)', to: 'Vulnerable (2)' },
    ]);
    expect(changesOf('credentials.clear', target, undefined, report)[0]).toMatchObject({ what: 'Saved credential TERMSRV/pc-042', from: 'saved, for user LAB\\anna' });
  });

  it('says the current value is not read yet without a diagnosis', () => {
    expect(changesOf('server.disable-nla', target, undefined, undefined)).toEqual([
      { what: 'Network Level Authentication on the host (UserAuthentication)', from: 'not read yet (the backup records it first)', to: 'not required (0)' },
    ]);
  });
});

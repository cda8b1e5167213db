import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReplaySource } from '../windows/replay-source';
import { makeTestContext } from './test-context';
import type { CheckResult } from '../shared/schema';
import { clientVersionsCheck } from './client-versions.check';
import { clientSavedCredentialsCheck } from './client-saved-credentials.check';
import { clientRdpFilesCheck } from './client-rdp-files.check';
import { clientPolicyCheck } from './client-policy.check';
import { clientEventsCheck } from './client-events.check';
import { clientCacheCheck } from './client-cache.check';
import { clientVpnCheck } from './client-vpn.check';
import { clientSecuritySoftwareCheck } from './client-security-software.check';
import { clientUpdatesCheck } from './client-updates.check';
import { NEEDS_WINDOWS } from './client-common';
import { judgeResolution } from './dns-resolve.check';
import { contractEvidence } from './test-context';
import { NotRunEvidenceSchema } from '../shared/evidence';

const FIXTURES = join(__dirname, '../../e2e/fixtures/windows');
const ALL = [
  clientVersionsCheck,
  clientSavedCredentialsCheck,
  clientRdpFilesCheck,
  clientPolicyCheck,
  clientEventsCheck,
  clientCacheCheck,
  clientVpnCheck,
  clientSecuritySoftwareCheck,
  clientUpdatesCheck,
];

async function runAll(machine: string, target: string, results: CheckResult[] = []) {
  const ctx = makeTestContext({ target, windows: createReplaySource(join(FIXTURES, machine)), results });
  const out: Record<string, { status: string; summary: string; evidence: Record<string, unknown> }> = {};
  for (const check of ALL) out[check.id] = await check.run(ctx);
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'rdpd-checks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('client checks without Windows', () => {
  it('skip with the one reason', async () => {
    for (const check of ALL) {
      const r = await check.run(makeTestContext({ windows: null }));
      expect(r.status, check.id).toBe('skip');
      expect(r.summary).toBe(`${NEEDS_WINDOWS}.`);
    }
  });
});

describe('healthy-client against rdp-lab.example', () => {
  it('passes everything that should pass', async () => {
    const r = await runAll('healthy-client', 'rdp-lab.example');
    for (const id of Object.keys(r)) expect(r[id]?.status, `${id}: ${r[id]?.summary}`).toBe('pass');
    expect(r['client.versions']?.summary).toContain('Windows 11 23H2 (build 22631.4460)');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('client-saved-creds-nla-off against 127.0.0.1', () => {
  it('finds the saved credential, the NLA-off file and the 2308 disconnects', async () => {
    const r = await runAll('client-saved-creds-nla-off', '127.0.0.1');
    expect(r['client.saved-credentials']).toMatchObject({ status: 'warn', evidence: { matched: [{ target: 'TERMSRV/127.0.0.1', user: 'LAB\\bob' }] } });
    expect(r['client.rdp-files']?.status).toBe('warn');
    expect(r['client.rdp-files']?.summary).toContain('enablecredsspsupport:i:0');
    expect(r['client.events']).toMatchObject({ status: 'fail', evidence: { disconnectReasons: [2308, 2308] } });
    expect(r['client.events']?.summary).toContain('0x904');
    expect(r['client.policy']).toMatchObject({ status: 'pass', evidence: { allowEncryptionOracle: 0, oracleName: 'Force Updated Clients' } });
    expect(r['client.cache']?.status).toBe('warn');
    expect(r['client.vpn']).toMatchObject({ status: 'pass', evidence: { isVpnUp: true, isTargetViaVpn: false } });
    expect(r['client.security-software']).toMatchObject({ status: 'warn', evidence: { thirdPartyActive: ['ESET Security', 'ESET Firewall'] } });
    expect(r['client.updates']?.status).toBe('warn');
    // client-store-apps.err: Get-AppxPackage hung past its own limit. It has a collector of its own, so the OS build and
    // the mstsc versions still stand and the hang is one clear sentence.
    expect(r['client.versions']).toMatchObject({
      status: 'pass',
      evidence: { build: 26100, mstsc: '10.0.26100.2314', apps: [], appsError: 'Reading client-store-apps took too long and was stopped: no answer within 10 s' },
    });
    expect(r['client.versions']?.summary).toBe(
      'Windows 11 24H2 (build 26100.2314); mstsc 10.0.26100.2314. The Store apps could not be listed (Reading client-store-apps took too long and was stopped: no answer within 10 s)',
    );
  });

  it('matches the credential through an address from dns.resolve', async () => {
    const resolved = judgeResolution({
      host: 'localhost',
      isAddress: false,
      system: { ok: true, addresses: [{ address: '127.0.0.1', family: 4 }], ms: 1, error: null },
      directA: null,
      directAaaa: null,
      dnsServers: [],
      addresses: [{ address: '127.0.0.1', family: 4 }],
      reserved: null,
    });
    const dns: CheckResult = { id: 'dns.resolve', section: 'dns', title: 'DNS', durationMs: 1, ...resolved, evidence: { ...resolved.evidence } };
    const ctx = makeTestContext({ target: 'localhost', windows: createReplaySource(join(FIXTURES, 'client-saved-creds-nla-off')), results: [dns] });
    const r = await clientSavedCredentialsCheck.run(ctx);
    expect(r.status).toBe('warn');
    expect(r.evidence).toMatchObject({ names: ['localhost', '127.0.0.1'] });
  });

  it('passes again once the credentials.clear fix is replayed', async () => {
    const windows = createReplaySource(join(FIXTURES, 'client-saved-creds-nla-off'));
    windows.setFixApplied('credentials.clear', true);
    const r = await clientSavedCredentialsCheck.run(makeTestContext({ target: '127.0.0.1', windows }));
    expect(r.status).toBe('pass');
  });
});

describe('every client recording keeps the evidence contract', () => {
  const machines: [string, string][] = [
    ['healthy-client', 'rdp-lab.example'],
    ['client-saved-creds-nla-off', '127.0.0.1'],
    ['client-de-DE', 'rdp-lab.example'],
    ['client-de-DE-stale-password', 'rdp-lab.example'],
    ['client-credssp-oracle', 'app-legacy.example'],
    ['client-saved-creds-working', 'rdp-lab.example'],
  ];
  it.each(machines)('%s: each check names every field it writes, or reports flat facts when it did not run', async (machine, target) => {
    const ctx = makeTestContext({ target, windows: createReplaySource(join(FIXTURES, machine)) });
    for (const check of ALL) {
      const out = await check.run(ctx);
      if (out.status === 'skip' || out.status === 'error') {
        if (!NotRunEvidenceSchema.safeParse(out.evidence).success) contractEvidence(check.id, out);
      } else {
        contractEvidence(check.id, out);
      }
    }
  });
});

describe('logon refusals and CredSSP refusals in the client event log', () => {
  it('German client: a 2308 after two 2055s, the summary names the logon refusals and the evidence counts them', async () => {
    const r = await runAll('client-de-DE-stale-password', 'rdp-lab.example');
    expect(r['client.events']).toMatchObject({
      status: 'fail',
      evidence: { failedAttempts: 3, disconnectReasons: [2308, 2055, 2055], logonFailureReasons: [2055, 2055], lastLogonUtc: '2026-11-17T08:05:12.310Z', credsspRefusals: 0 },
    });
    expect(r['client.events']?.summary).toBe(
      'The last attempt to rdp-lab.example ended with reason 2308 (0x904, socket closed (the connection was closed, normally by the other side)); 2 earlier attempts were refused at logon (reason 2055 (0x807, the logon failed (user name or password))).',
    );
    expect(r['client.saved-credentials']).toMatchObject({
      status: 'warn',
      evidence: { matched: [{ target: 'TERMSRV/rdp-lab.example', type: 'Domänenkennwort', user: 'LAB\\bernd' }] },
    });
  });

  it('a refusal at logon that a later session settled is not counted', async () => {
    const r = await runAll('client-saved-creds-working', 'rdp-lab.example');
    expect(r['client.events']).toMatchObject({ status: 'warn', evidence: { logonFailureReasons: [], disconnectReasons: [2055], lastLogonUtc: '2026-11-22T08:02:14.500Z' } });
  });

  it('attempts that CredSSP ended with 0x80090302 and no 1026 count as failed, and are told apart from the other target', async () => {
    const legacy = await runAll('client-credssp-oracle', 'app-legacy.example');
    expect(legacy['client.events']).toMatchObject({ status: 'fail', evidence: { failedAttempts: 2, credsspRefusals: 2, disconnectReasons: [], logonFailureReasons: [] } });
    expect(legacy['client.events']?.summary).toBe('The last attempt to app-legacy.example ended with CredSSP error 0x80090302 (the function requested is not supported).');
    const lab = await runAll('client-credssp-oracle', 'rdp-lab.example');
    expect(lab['client.events']).toMatchObject({ status: 'pass', evidence: { credsspRefusals: 0, otherAttempts: 2 } });
  });
});

describe('client-de-DE against rdp-lab.example', () => {
  it('reads German cmdkey and events and sees the VPN route', async () => {
    const r = await runAll('client-de-DE', 'rdp-lab.example');
    expect(r['client.saved-credentials']?.status).toBe('warn');
    expect((r['client.saved-credentials']?.evidence['matched'] as unknown[]).length).toBe(2);
    expect(r['client.events']?.status).toBe('warn');
    expect(r['client.events']?.summary).toContain('UDP');
    expect(r['client.vpn']).toMatchObject({ status: 'warn', evidence: { isTargetViaVpn: true } });
    expect(r['client.versions']?.summary).toContain('Windows 10 22H2');
    expect(r['client.security-software']?.status).toBe('warn');
    expect(r['client.rdp-files']?.status).toBe('pass');
    // Its own Default.rdp: Anna's user name, not a copy of another machine's file.
    expect(r['client.rdp-files']?.evidence['files']).toMatchObject([{ name: 'Default.rdp', address: 'rdp-lab.example', enableCredSsp: null }, { name: 'Büro-Server.rdp' }]);
  });
});

describe('client.vpn answers only for the target it was recorded with', () => {
  it('claims the recorded route for the same target (any case, trailing dot) and nothing for another one', async () => {
    const de = (target: string) => clientVpnCheck.run(makeTestContext({ target, windows: createReplaySource(join(FIXTURES, 'client-de-DE')) }));
    expect(await de('RDP-LAB.example.')).toMatchObject({ status: 'warn', evidence: { isTargetViaVpn: true } });
    const other = await de('127.0.0.1');
    expect(other).toMatchObject({ status: 'skip', evidence: { recordedTarget: 'rdp-lab.example', isTargetViaVpn: null, routes: [] } });
    expect(other.summary).toBe('The recorded route is for rdp-lab.example, not 127.0.0.1; the route to 127.0.0.1 was not recorded. A VPN was up on that computer.');
    expect(other.summary).not.toMatch(/goes through the VPN/);
    const bob = await clientVpnCheck.run(makeTestContext({ target: 'rdp-lab.example', windows: createReplaySource(join(FIXTURES, 'client-saved-creds-nla-off')) }));
    expect(bob).toMatchObject({ status: 'skip', evidence: { recordedTarget: '127.0.0.1' } });
  });
});

describe('collector failures and host recordings', () => {
  it('turn a recorded access-denied into status error with its message', async () => {
    const dir = join(tmp, 'denied');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'machine.json'), JSON.stringify({ role: 'client', computerName: 'X', os: '', language: 'en-US', description: '' }));
    writeFileSync(join(dir, 'client-events.err'), JSON.stringify({ kind: 'access-denied', message: 'Attempted to perform an unauthorized operation.' }));
    writeFileSync(join(dir, 'client-policy.out'), 'garbage');
    const ctx = makeTestContext({ windows: createReplaySource(dir) });
    const events = await clientEventsCheck.run(ctx);
    expect(events).toMatchObject({ status: 'error', evidence: { errorKind: 'access-denied', collector: 'client-events' } });
    expect(events.summary).toMatch(/access denied/);
    expect(await clientPolicyCheck.run(ctx)).toMatchObject({ status: 'error', evidence: { errorKind: 'not-json' } });
    expect(await clientCacheCheck.run(ctx)).toMatchObject({ status: 'error', evidence: { errorKind: 'not-recorded' } });
  });

  it('skip on a recording of the host', async () => {
    const dir = join(tmp, 'host');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'machine.json'), JSON.stringify({ role: 'host', computerName: 'SRV', os: '', language: 'en-US', description: '' }));
    expect((await clientPolicyCheck.run(makeTestContext({ windows: createReplaySource(dir) }))).status).toBe('skip');
  });
});

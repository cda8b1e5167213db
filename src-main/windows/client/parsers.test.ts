import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialMatches, credentialsForTarget, parseCmdkeyLines, parseCredentialsOutput } from './credentials';
import { attemptsForTarget, correlateAttempts, eventValue, parseEventsOutput, type ClientEvent } from './events';
import { filesForTarget, parseRdpFilesOutput } from './rdp-files';
import { isTls12Disabled, isUdpDisabled, parseCacheOutput, parsePendingRebootOutput, parsePolicyOutput, parseVersionsOutput } from './config';
import { parseSecurityOutput, parseVpnOutput } from './network';

const FIXTURES = join(__dirname, '../../../e2e/fixtures/windows');
const read = (machine: string, name: string): string => readFileSync(join(FIXTURES, machine, `${name}.out`), 'utf8');

describe('saved credentials (cmdkey)', () => {
  it('finds no TERMSRV entry on the healthy client but counts the others', () => {
    const list = parseCredentialsOutput(read('healthy-client', 'client-credentials'));
    expect(list.totalEntries).toBe(2);
    expect(list.termsrv).toEqual([]);
  });

  it('reads Domain and LegacyGeneric TERMSRV entries with type and user', () => {
    const list = parseCredentialsOutput(read('client-saved-creds-nla-off', 'client-credentials'));
    expect(list.totalEntries).toBe(3);
    expect(list.termsrv).toEqual([
      { target: 'TERMSRV/127.0.0.1', kind: 'Domain', host: '127.0.0.1', type: 'Domain Password', user: 'LAB\\bob' },
      { target: 'TERMSRV/rdp-lab.example', kind: 'LegacyGeneric', host: 'rdp-lab.example', type: 'Generic', user: 'LAB\\bob' },
    ]);
    expect(credentialsForTarget(list, ['127.0.0.1']).map((c) => c.host)).toEqual(['127.0.0.1']);
  });

  it('reads German labels by position and matches wildcards', () => {
    const list = parseCredentialsOutput(read('client-de-DE', 'client-credentials'));
    expect(list.termsrv.map((c) => [c.host, c.type, c.user])).toEqual([
      ['rdp-lab.example', 'Domänenkennwort', 'LAB\\anna'],
      ['*.example', 'Generisch', 'LAB\\anna.admin'],
    ]);
    expect(credentialsForTarget(list, ['RDP-LAB.example.', '10.20.0.15'])).toHaveLength(2);
    expect(credentialsForTarget(list, ['other.test'])).toHaveLength(0);
  });

  it('matches host:port entries and never treats regex characters as patterns', () => {
    expect(credentialMatches('rdp-lab.example:3390', ['rdp-lab.example'])).toBe(true);
    expect(credentialMatches('rdp.lab', ['rdpxlab'])).toBe(false);
    expect(credentialMatches('[::1]', ['::1'])).toBe(true);
  });

  it('survives an empty list, a bare string and garbage', () => {
    expect(parseCmdkeyLines(['', 'Currently stored credentials:', '', '* NONE *']).termsrv).toEqual([]);
    expect(parseCredentialsOutput('{"exitCode":0,"lines":"Target: Domain:target=TERMSRV/x"}').termsrv[0]?.host).toBe('x');
    expect(() => parseCredentialsOutput('not json')).toThrow(expect.objectContaining({ kind: 'not-json' }));
  });
});

describe('.rdp files and MRU', () => {
  it('validates the healthy Default.rdp without errors', () => {
    const state = parseRdpFilesOutput(read('healthy-client', 'client-rdp-files'));
    expect(state.files).toHaveLength(1);
    const [file] = state.files;
    expect(file?.isDefault).toBe(true);
    expect(file?.hidden).toBe(true);
    expect(file?.address).toBe('rdp-lab.example');
    expect(file?.settings?.enableCredSsp).toBe(true);
    expect(file?.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(state.mru).toEqual(['rdp-lab.example', '10.20.0.15']);
    expect(state.servers[0]).toEqual({ host: 'rdp-lab.example', usernameHint: 'LAB\\alice', certHash: null });
  });

  it('sees NLA turned off and the duplicate key in the problem machine', () => {
    const state = parseRdpFilesOutput(read('client-saved-creds-nla-off', 'client-rdp-files'));
    const desk = state.files.find((f) => f.name === 'lab (old).rdp');
    expect(desk?.settings?.enableCredSsp).toBe(false);
    expect(desk?.settings?.authenticationLevel).toBe(0);
    const def = state.files.find((f) => f.isDefault);
    expect(def?.issues.length).toBeGreaterThan(0);
    expect(filesForTarget(state, ['127.0.0.1'])).toHaveLength(2);
    expect(state.servers[0]?.certHash).toBe('3F2A9C1D7E5B4A3C2D1E0F9A8B7C6D5E4F3A2B1C');
  });

  it('matches host:port addresses and non-ASCII file names (German machine)', () => {
    const state = parseRdpFilesOutput(read('client-de-DE', 'client-rdp-files'));
    const office = state.files.find((f) => f.name === 'Büro-Server.rdp');
    expect(office?.address).toBe('rdp-lab.example:3389');
    expect(filesForTarget(state, ['rdp-lab.example']).map((f) => f.name)).toEqual(['Default.rdp', 'Büro-Server.rdp']);
  });
});

describe('client events', () => {
  it('correlates a successful session on the healthy client', () => {
    const log = parseEventsOutput(read('healthy-client', 'client-events'));
    expect(log.attempts).toHaveLength(1);
    const [a] = log.attempts;
    expect(a).toMatchObject({ server: 'rdp-lab.example', connected: true, loggedOn: true, udp: { initiated: true, established: true, dropped: false } });
    expect(a?.disconnect?.value).toBe(1);
  });

  it('decodes two 2308 (0x904) disconnects with the SSL state error', () => {
    const log = parseEventsOutput(read('client-saved-creds-nla-off', 'client-events'));
    const attempts = attemptsForTarget(log, ['127.0.0.1']);
    expect(attempts).toHaveLength(2);
    expect(attempts.every((a) => a.disconnect?.value === 2308 && a.disconnect.hex === '0x904' && !a.connected)).toBe(true);
    expect(attempts[0]?.disconnect?.name).toMatch(/FDCLOSE/i);
    expect(attempts[0]?.stateErrors[0]).toContain('TsSslStateHandshakeStart');
  });

  it('reads German events through their EventData, and the message when EventData is empty', () => {
    const log = parseEventsOutput(read('client-de-DE', 'client-events'));
    expect(log.attempts[0]).toMatchObject({ server: 'rdp-lab.example', loggedOn: true, udp: { dropped: true } });
    expect(log.attempts[0]?.disconnect?.value).toBe(2308);
    const german: ClientEvent = { id: 1026, timeUtc: null, activityId: null, message: 'Die Verbindung von RDP ClientActiveX wurde getrennt (Grund= 2308)', data: [] };
    expect(eventValue(german)).toBe('2308');
    const start: ClientEvent = { ...german, id: 1024, message: 'RDP ClientActiveX versucht, eine Verbindung mit dem Server (rdp-lab.example) herzustellen.' };
    expect(correlateAttempts([start, german])[0]).toMatchObject({ server: 'rdp-lab.example', disconnect: { value: 2308 } });
  });

  it('accepts one event as a bare object and no events as null', () => {
    const one = parseEventsOutput('{"events":{"id":1024,"timeUtc":"\\/Date(1763798400000)\\/","activityId":null,"message":"x (h)","data":null}}');
    expect(one.events).toHaveLength(1);
    expect(one.events[0]?.timeUtc).toBe('2025-11-22T08:00:00.000Z');
    expect(parseEventsOutput('{"events":null}').attempts).toEqual([]);
  });
});

describe('policy, versions, cache, pending reboot', () => {
  it('reads the strict CredSSP policy and TLS settings', () => {
    const strict = parsePolicyOutput(read('client-saved-creds-nla-off', 'client-policy'));
    expect(strict.allowEncryptionOracle).toBe(0);
    expect(isUdpDisabled(strict)).toBe(false);
    const de = parsePolicyOutput(read('client-de-DE', 'client-policy'));
    expect(de.schannelClient.find((p) => p.protocol === 'TLS 1.0')).toEqual({ protocol: 'TLS 1.0', enabled: 0, disabledByDefault: 1 });
    expect(isTls12Disabled(de)).toBe(false);
    const after = parsePolicyOutput(read('client-saved-creds-nla-off', 'after/client.disable-udp/client-policy'));
    expect(isUdpDisabled(after)).toBe(true);
  });

  it('calls build 22631 Windows 11 although ProductName says Windows 10', () => {
    const v = parseVersionsOutput(read('healthy-client', 'client-versions'));
    expect(v).toMatchObject({ windowsName: 'Windows 11', build: 22631, ubr: 4460, displayVersion: '23H2', mstsc: '10.0.22621.3672' });
    expect(parseVersionsOutput(read('client-de-DE', 'client-versions')).windowsName).toBe('Windows 10');
  });

  it('reads cache sizes and reboot signals', () => {
    expect(parseCacheOutput(read('client-saved-creds-nla-off', 'client-cache')).totalBytes).toBe(1610612736);
    expect(parseCacheOutput(read('client-de-DE', 'client-cache')).exists).toBe(false);
    expect(parsePendingRebootOutput(read('client-saved-creds-nla-off', 'client-pending-reboot')).isRebootPending).toBe(true);
    expect(parsePendingRebootOutput(read('healthy-client', 'client-pending-reboot')).isRebootPending).toBe(false);
  });
});

describe('VPN and security software', () => {
  it('sees the Fortinet adapter carrying the route (German machine)', () => {
    const vpn = parseVpnOutput(read('client-de-DE', 'client-vpn'));
    expect(vpn.isVpnUp).toBe(true);
    expect(vpn.isTargetViaVpn).toBe(true);
    expect(vpn.routes[0]?.interfaceAlias).toBe('Ethernet 3');
    expect(vpn.defaultRoutes).toEqual([{ interfaceAlias: 'WLAN', nextHop: '192.168.2.1', routeMetric: 0, viaVpn: false }]);
  });

  it('marks a full tunnel (default route through the VPN adapter)', () => {
    const full = parseVpnOutput(
      '{"adapters":{"name":"Ethernet 3","description":"Fortinet SSL VPN Virtual Ethernet Adapter","ifIndex":23},"defaultRoutes":{"interfaceAlias":"Ethernet 3","interfaceIndex":23,"nextHop":"0.0.0.0","routeMetric":1},"routes":[]}',
    );
    expect(full.defaultRoutes[0]?.viaVpn).toBe(true);
    expect(full.isTargetViaVpn).toBe(false);
  });

  it('tells a VPN that is up but off the path', () => {
    const vpn = parseVpnOutput(read('client-saved-creds-nla-off', 'client-vpn'));
    expect(vpn.isVpnUp).toBe(true);
    expect(vpn.isTargetViaVpn).toBe(false);
    const healthy = parseVpnOutput(read('healthy-client', 'client-vpn'));
    expect(healthy.isVpnUp).toBe(false);
  });

  it('decodes productState: Defender on, Defender off, third-party on', () => {
    expect(parseSecurityOutput(read('healthy-client', 'client-security-software')).thirdPartyActive).toEqual([]);
    const eset = parseSecurityOutput(read('client-saved-creds-nla-off', 'client-security-software'));
    expect(eset.antivirus.map((p) => [p.displayName, p.isEnabled, p.isMicrosoft])).toEqual([
      ['Windows Defender', false, true],
      ['ESET Security', true, false],
    ]);
    expect(eset.thirdPartyActive).toEqual(['ESET Security', 'ESET Firewall']);
    expect(parseSecurityOutput(read('client-de-DE', 'client-security-software')).thirdPartyActive).toEqual(['Bitdefender Antivirus']);
  });
});

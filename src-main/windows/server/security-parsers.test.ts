import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allowsRead, machineKeysDeviations, networkServiceCanRead, parseAcl, SID } from './acl';
import { judgeCertificate, parseCertificates } from './certificate';
import { parseEvents, summarizeEvents } from './events';
import { judgeFirewall, parseFirewall } from './firewall';
import { parseMachineKeys } from './machinekeys';

const FIXTURES = fileURLToPath(new URL('../../../e2e/fixtures/windows/', import.meta.url));
const read = (machine: string, name: string) => readFileSync(join(FIXTURES, machine, `${name}.out`), 'utf8');
const NOW = new Date('2026-11-21T12:00:00Z');

describe('certificate', () => {
  it('finds the expired self-signed certificate in use and a key NETWORK SERVICE can read', () => {
    const state = parseCertificates(read('host-expired-cert', 'server-certificate'));
    const v = judgeCertificate(state, '4F3A9C1D2E7B8A6F5C0D1E2F3A4B5C6D7E8F9A0B', NOW);
    expect(v).toMatchObject({ inUseBasis: 'wmi-hash', isExpired: true, isSelfSigned: true, isHashDangling: false, networkServiceCanReadKey: true });
    expect(v.daysLeft).toBeLessThan(-100);
    expect(v.inUse?.keyFile).toMatch(/MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_/);
  });
  it('reads German account names by SID', () => {
    const state = parseCertificates(read('host-nla-firewall-off', 'server-certificate'));
    const v = judgeCertificate(state, null, NOW);
    expect(v).toMatchObject({ inUseBasis: 'only-certificate', isExpired: false, networkServiceCanReadKey: true });
    expect(v.inUse?.keyAcl?.aces.find((a) => a.sid === SID.networkService)?.name).toBe('NT-AUTORITÄT\\NETZWERKDIENST');
  });
  it('flags a configured thumbprint that matches no certificate, and takes a bare certificate object', () => {
    const text = JSON.stringify({
      registryHash: 'DEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF',
      certificates: {
        thumbprint: 'aa bb cc dd ee ff 00 11 22 33 44 55 66 77 88 99 aa bb cc dd',
        subject: 'CN=h',
        issuer: 'CN=ca',
        notBefore: '/Date(1767225600000)/',
        notAfter: null,
        hasPrivateKey: 'True',
      },
      configured: null,
    });
    const state = parseCertificates(text);
    expect(state.certificates[0]?.thumbprint).toBe('AABBCCDDEEFF00112233445566778899AABBCCDD');
    expect(state.certificates[0]?.hasPrivateKey).toBe(true);
    const v = judgeCertificate(state, null, NOW);
    expect(v).toMatchObject({ isHashDangling: true, danglingHash: 'DEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF', isExpired: false, daysLeft: null, networkServiceCanReadKey: null });
  });
  it('uses the configured certificate from the My store when the registry names it', () => {
    const custom = {
      store: 'My',
      thumbprint: 'AB'.repeat(20),
      subject: 'CN=rdp.example.com',
      issuer: 'CN=Corp CA',
      notBefore: '2026-01-01T00:00:00Z',
      notAfter: '2027-01-01T00:00:00Z',
      hasPrivateKey: true,
    };
    const state = parseCertificates(JSON.stringify({ registryHash: 'AB'.repeat(20), certificates: [], configured: custom }));
    expect(judgeCertificate(state, null, NOW)).toMatchObject({ inUseBasis: 'registry-hash', isHashDangling: false, isSelfSigned: false });
  });
});

describe('ACLs and MachineKeys', () => {
  it('compares MachineKeys with the documented default', () => {
    const changed = parseMachineKeys(read('host-expired-cert', 'server-machinekeys'));
    expect(changed.acl && machineKeysDeviations(changed.acl)).toEqual(['Everyone cannot create key files']);
    const normal = parseMachineKeys(read('host-nla-firewall-off', 'server-machinekeys'));
    expect(normal.acl && machineKeysDeviations(normal.acl)).toEqual([]);
    expect(normal.rdpKeyFiles).toHaveLength(1);
    expect(parseMachineKeys('{"path":"C:\\\\x","exists":false}')).toMatchObject({ exists: false, acl: null });
    const reset = parseMachineKeys(readFileSync(join(FIXTURES, 'host-expired-cert', 'after', 'server.reset-machinekeys-acl', 'server-machinekeys.out'), 'utf8'));
    expect(reset.acl && machineKeysDeviations(reset.acl)).toEqual([]);
    const denied = parseAcl({
      aces: [
        { sid: 'S-1-5-18', rights: 2032127 },
        { sid: 'S-1-5-32-544', rights: 2032127 },
        { sid: 'S-1-5-20', rights: 1179785 },
        { sid: 'S-1-1-0', name: 'Everyone', rights: 2, type: 'Deny' },
      ],
    });
    expect(denied && machineKeysDeviations(denied)).toEqual(['A deny entry for Everyone']);
  });
  it('decodes generic rights printed as negative Int32 and honours deny entries', () => {
    const acl = parseAcl({ owner: 'S-1-5-18', aces: { sid: 'S-1-5-20', rights: -2147483648, type: 'Allow' } });
    expect(acl?.aces[0]?.rights).toBe(0x80000000);
    expect(allowsRead(0x80000000)).toBe(true);
    expect(acl && networkServiceCanRead(acl)).toBe(true);
    const denied = parseAcl({
      aces: [
        { sid: 'S-1-1-0', rights: 1179785, type: 'Allow' },
        { sid: 'S-1-5-20', rights: 1, type: 'Deny' },
      ],
    });
    expect(denied && networkServiceCanRead(denied)).toBe(false);
    const none = parseAcl({
      aces: [
        { sid: 'S-1-5-18', rights: 2032127, type: 'Allow' },
        { sid: null, rights: 'x' },
      ],
    });
    expect(none?.aces).toHaveLength(1);
    expect(none && networkServiceCanRead(none)).toBe(false);
  });
});

describe('firewall', () => {
  it('sees the disabled Remote Desktop rules on the Private network in use (German display names)', () => {
    const fw = parseFirewall(read('host-nla-firewall-off', 'server-firewall'));
    expect(fw.rules.map((r) => r.enabled)).toEqual([false, false, false]);
    expect(judgeFirewall(fw, 3389)).toMatchObject({ isBlocked: true, enabledTcpRules: [], profiles: [{ profile: 'Private', firewallOn: true, isAllowed: false }] });
  });
  it('passes enabled rules, and warns when the port was changed but the rule was not', () => {
    const fw = parseFirewall(read('host-expired-cert', 'server-firewall'));
    expect(judgeFirewall(fw, 3389)).toMatchObject({ isBlocked: false, rulesMissingPort: [] });
    // The Shadow rule allows any port, but only for RdpSa.exe, so it does not let TermService in.
    expect(judgeFirewall(fw, 3390)).toMatchObject({ isBlocked: true, rulesMissingPort: ['RemoteDesktop-UserMode-In-TCP'] });
  });
  it('maps the numeric enums of Windows PowerShell 5.1 and a bare rule object', () => {
    const text =
      '{"rules":{"name":"RemoteDesktop-UserMode-In-TCP","enabled":1,"profile":4,"direction":1,"action":2,"protocol":"TCP","localPort":"3389"},"profiles":[{"name":"Public","enabled":1,"defaultInboundAction":0}],"networks":{"interfaceAlias":"Ethernet","networkCategory":0}}';
    const fw = parseFirewall(text);
    expect(fw.rules[0]).toMatchObject({ enabled: true, profile: 'Public', direction: 'Inbound', action: 'Allow', localPorts: ['3389'] });
    expect(fw.networks[0]?.category).toBe('Public');
    expect(judgeFirewall(fw, 3389).isBlocked).toBe(false);
    const off = parseFirewall(
      '{"rules":[],"profiles":[{"name":"Domain","enabled":"False"},{"name":"Private","enabled":"False"},{"name":"Public","enabled":"False"}],"networks":[]}',
    );
    expect(judgeFirewall(off, 3389)).toMatchObject({ isBlocked: false, hasGroupRules: false });
  });
});

describe('events', () => {
  it('decodes the expired-certificate host: 36870, 1057/1058 and alert 46', () => {
    const ev = parseEvents(read('host-expired-cert', 'server-events'));
    const s = summarizeEvents(ev);
    expect(s).toMatchObject({ keyAccessErrors: 2, certificateRenewalFailures: 3, credentialErrors: 0, connectionsSeen: 6 });
    expect(s.alerts).toEqual([{ direction: 'received', code: 46, name: 'certificate_unknown', count: 1 }]);
    expect(ev.events[0]?.time).toBe('2026-11-21T09:14:02.473Z');
  });
  it('counts connections from other computers (RdpCoreTS 131 not from loopback): they got through the firewall', () => {
    const s = summarizeEvents(parseEvents(read('host-expired-cert', 'server-events')));
    expect(s).toMatchObject({ remoteConnections: 3, lastRemoteConnectionUtc: '2026-11-21T09:14:02.441Z' });
    const accepted = (address: string, message = '') => ({
      log: 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational',
      provider: 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS',
      id: 131,
      time: '2026-11-20T08:00:00Z',
      message,
      data: ['TCP', address],
    });
    const local = parseEvents(JSON.stringify({ days: 7, events: [accepted('127.0.0.1:50001'), accepted('[::1]:50002'), accepted('::ffff:127.0.0.1:50003')], unreadable: [] }));
    expect(summarizeEvents(local)).toMatchObject({ connectionsSeen: 3, remoteConnections: 0, lastRemoteConnectionUtc: null });
    // A localized message carries the address in the same data field.
    const german = parseEvents(
      JSON.stringify({ days: 7, events: [accepted('192.168.1.20:49822', 'Der Server hat eine neue TCP-Verbindung vom Client 192.168.1.20:49822 akzeptiert.')], unreadable: [] }),
    );
    expect(summarizeEvents(german)).toMatchObject({ remoteConnections: 1, lastRemoteConnectionUtc: '2026-11-20T08:00:00.000Z' });
  });
  it('keeps localized messages as text and keys on ids only', () => {
    const ev = parseEvents(read('host-nla-firewall-off', 'server-events'));
    expect(ev.events.map((e) => `${e.family}:${e.id}`)).toEqual(['LocalSessionManager:22', 'LocalSessionManager:21']);
    expect(summarizeEvents(ev).keyAccessErrors).toBe(0);
  });
  it('survives odd shapes: one bare event, string ids, null data, alert only in the message, unknown alerts', () => {
    const one = parseEvents(
      '{"days":7,"events":{"log":"System","provider":"Schannel","id":"36888","time":"/Date(1763700000000)/","message":"A fatal alert was generated and sent to the remote endpoint. The TLS protocol defined fatal alert code is 70.","data":null},"unreadable":{"log":"Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational","error":"Attempted to perform an unauthorized operation."}}',
    );
    expect(one.events[0]?.alert).toEqual({ code: 70, name: 'protocol_version' });
    expect(one.unreadable).toHaveLength(1);
    const wrapped = parseEvents(
      '{"days":7,"events":{"value":[{"provider":"Schannel","id":36888,"data":{"value":[null,"40"],"Count":2}}],"Count":1},"unreadable":{"value":[],"Count":0}}',
    );
    expect(wrapped.events[0]?.data).toEqual(['', '40']);
    expect(wrapped.events[0]?.alert).toBeNull();
    const odd = parseEvents('{"events":[{"provider":"Schannel","id":36887,"data":["251"]},{"id":"x"},{"provider":"Schannel","id":36887,"data":["9999"]}]}');
    expect(odd.events.map((e) => e.alert)).toEqual([{ code: 251, name: 'alert 251' }, null]);
  });
});

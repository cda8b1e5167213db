import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isWindowsCollectorError } from '../errors';
import { SERVER_PARSERS } from '../parsers';
import { countDisconnected, parseCapacity, sessionLimit } from './capacity';
import { asList, isoDate, parseJsonObject, textList } from './parse-util';
import { effectiveSetting, isProtocolOn, parseRdpRegistry, parseSchannel } from './registry';
import { SERVER_SCRIPTS } from './scripts';
import { judgeListener, parseListener, parseServices } from './services';
import { parseTsSetting } from './ts-setting';

const FIXTURES = fileURLToPath(new URL('../../../e2e/fixtures/windows/', import.meta.url));
const MACHINES = ['host-expired-cert', 'host-nla-firewall-off'] as const;
const read = (machine: string, name: string) => readFileSync(join(FIXTURES, machine, `${name}.out`), 'utf8');

const PARSERS: Record<keyof typeof SERVER_SCRIPTS, (s: string) => unknown> = SERVER_PARSERS;

/** Expects `fn` to throw a WindowsCollectorError whose message matches. */
function expectBadOutput(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(isWindowsCollectorError(e)).toBe(true);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a WindowsCollectorError');
}

describe('every recording of every server collector parses', () => {
  for (const machine of MACHINES) {
    for (const [name, parse] of Object.entries(PARSERS)) {
      it(`${machine}/${name}`, () => {
        expect(() => parse(read(machine, name))).not.toThrow();
      });
    }
  }
  it('garbage, empty output, arrays and BOMs are told apart for every parser', () => {
    for (const [name, parse] of Object.entries(PARSERS)) {
      expectBadOutput(() => parse(''), new RegExp(`${name}.*empty output`));
      expectBadOutput(() => parse('Get-WinEvent : Access is denied'), /not JSON/);
      expectBadOutput(() => parse('[{"a":1}]'), /one JSON object/);
      expectBadOutput(() => parse('{}'), new RegExp(name));
    }
    expect(parseJsonObject('x', '\uFEFF{"a":1}\r\n')).toEqual({ a: 1 });
  });
});

describe('registry and SCHANNEL', () => {
  it('reads DWORDs above 0x7FFFFFFF that PowerShell printed as negative Int32', () => {
    const reg = parseRdpRegistry(read('host-expired-cert', 'server-rdp-registry'));
    expect(reg).toMatchObject({ fDenyTSConnections: 0, port: 3389, securityLayer: 1, userAuthentication: 1, maxInstanceCount: 0xffffffff });
    expect(reg.sslCertificateSHA1Hash).toBeNull();
  });
  it('lets the policy value win over the local one', () => {
    const reg = parseRdpRegistry(read('host-nla-firewall-off', 'server-rdp-registry'));
    expect(effectiveSetting(reg.securityLayer, reg.policy.securityLayer, 1)).toEqual({ value: 2, source: 'policy', local: 1, policy: 2 });
    expect(effectiveSetting(null, null, 1).source).toBe('default');
  });
  it('normalizes a spaced thumbprint and drops a non-hex one', () => {
    const out = (hash: string) => parseRdpRegistry(JSON.stringify({ rdpTcp: { SSLCertificateSHA1Hash: hash } })).sslCertificateSHA1Hash;
    expect(out('4f 3a 9c 1d 2e 7b 8a 6f 5c 0d 1e 2f 3a 4b 5c 6d 7e 8f 9a 0b')).toBe('4F3A9C1D2E7B8A6F5C0D1E2F3A4B5C6D7E8F9A0B');
    expect(out('not a hash')).toBeNull();
  });
  it('decides TLS 1.2 from the key, or from the OS build when there is no key', () => {
    const hardened = parseSchannel(read('host-nla-firewall-off', 'server-schannel'));
    expect(isProtocolOn(hardened, 'TLS 1.0')).toBe(false);
    expect(isProtocolOn(hardened, 'TLS 1.2')).toBe(true);
    const defaults = parseSchannel(read('host-expired-cert', 'server-schannel'));
    expect(defaults.protocols.every((p) => p.isOn === null)).toBe(true);
    expect(isProtocolOn(defaults, 'TLS 1.2')).toBe(true);
    const off = parseSchannel('{"protocols":{"protocol":"TLS 1.2","keyPresent":true,"Enabled":1,"DisabledByDefault":1},"fipsEnabled":1,"osBuild":"17763"}');
    expect(isProtocolOn(off, 'TLS 1.2')).toBe(false);
    expect(off.fipsEnabled).toBe(true);
    // 0xFFFFFFFF written by hardening scripts means "enabled".
    expect(isProtocolOn(parseSchannel('{"protocols":[{"protocol":"TLS 1.2","Enabled":-1}],"osBuild":null}'), 'TLS 1.2')).toBe(true);
  });
});

describe('services, listener, WMI, capacity', () => {
  it('reads the three services and accepts a bare object for one', () => {
    expect(parseServices(read('host-expired-cert', 'server-services')).map((s) => [s.name, s.state])).toEqual([
      ['TermService', 'Running'],
      ['SessionEnv', 'Running'],
      ['UmRdpService', 'Running'],
    ]);
    const one = parseServices('{"services":{"name":"TermService","present":true,"state":"Stopped","startMode":"Disabled","processId":0,"account":null}}');
    expect(one).toHaveLength(1);
    expect(one[0]?.startMode).toBe('Disabled');
    expectBadOutput(() => parseServices('{"services":"oops"}'), /no named entries/);
  });
  it('judges listeners: owner, squatter, a changed port not yet in effect', () => {
    expect(judgeListener(parseListener(read('host-nla-firewall-off', 'server-listener')))).toMatchObject({
      listeningOnConfiguredPort: true,
      configuredPortOwnedByTermService: true,
      squatter: null,
    });
    const squat = parseListener(
      '{"configuredPort":3389,"termServicePid":900,"tcp":{"localAddress":"0.0.0.0","localPort":3389,"owningProcess":4242,"processName":"nc"},"udp":null}',
    );
    expect(judgeListener(squat).squatter).toEqual({ pid: 4242, name: 'nc' });
    const moved = parseListener('{"configuredPort":"3390","termServicePid":900,"tcp":[{"localAddress":"::","localPort":3389,"owningProcess":900}],"udp":[]}');
    expect(judgeListener(moved)).toMatchObject({ listeningOnConfiguredPort: false, termServiceOtherPorts: [3389] });
    expectBadOutput(() => parseListener('{"configuredPort":70000}'), /not a port number/);
  });
  it('reads WMI values, including a boolean UserAuthenticationRequired', () => {
    expect(parseTsSetting(read('host-nla-firewall-off', 'server-ts-setting'))).toMatchObject({ found: true, securityLayer: 2, userAuthenticationRequired: 1 });
    expect(parseTsSetting('{"found":true,"userAuthenticationRequired":false}').userAuthenticationRequired).toBe(0);
    expect(parseTsSetting('{"found":false}').found).toBe(false);
  });
  it('counts rdp-tcp#N sessions in English and German qwinsta output', () => {
    const en = parseCapacity(read('host-expired-cert', 'server-capacity'));
    expect(en.remoteSessions).toBe(0);
    expect(sessionLimit(en, 0xffffffff).limit).toBe(2);
    const de = parseCapacity(read('host-nla-firewall-off', 'server-capacity'));
    expect(de.sessionLines.some((l) => l.includes('Abhören'))).toBe(true);
    expect(sessionLimit(de, null).limit).toBe(1);
    const busy = parseCapacity('{"productType":3,"sessions":[">rdp-tcp#0  bob  2  Active", " rdp-tcp#12 amy 3 Aktiv", " rdp-tcp  65536 Listen"]}');
    expect(busy.remoteSessions).toBe(2);
    expect(parseCapacity('{"productType":1,"sessions":" rdp-tcp#3 x 2 Active"}').remoteSessions).toBe(1);
    expect(sessionLimit(busy, 5)).toEqual({ limit: 5, basis: 'MaxInstanceCount' });
  });
});

describe('disconnected sessions in qwinsta', () => {
  it('counts a German disconnected session (Getr.) by its missing session name, not session 0 or the listener', () => {
    const de = parseCapacity(read('host-nla-firewall-off', 'server-capacity'));
    expect(de).toMatchObject({ connectedSessions: 0, disconnectedSessions: 1, remoteSessions: 1 });
    expect(parseCapacity(read('host-expired-cert', 'server-capacity'))).toMatchObject({ disconnectedSessions: 0, remoteSessions: 0 });
  });
  it('a server full of disconnected sessions is full (the host-expired-cert recording with two Disc rows)', () => {
    const o = JSON.parse(read('host-expired-cert', 'server-capacity')) as { sessions: string[] };
    o.sessions.splice(
      3,
      0,
      '                   jkoch                     2  Disc                        ',
      '                   administrator             3  Disc                        ',
    );
    const c = parseCapacity(JSON.stringify(o));
    expect(c).toMatchObject({ connectedSessions: 0, disconnectedSessions: 2, remoteSessions: 2 });
    expect(sessionLimit(c, null).limit).toBe(2);
    expect(countDisconnected(['no header', '  x 2 Disc'])).toBe(0);
  });
});

describe('parse-util', () => {
  it('turns ConvertTo-Json shapes into lists', () => {
    expect(asList(null)).toEqual([]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList([{ a: 1 }, 'x', null, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    // Windows PowerShell 5.1 prints a PSObject-wrapped array as {"value":[…],"Count":n}.
    expect(asList({ value: [{ a: 1 }, { b: 2 }], Count: 2 })).toEqual([{ a: 1 }, { b: 2 }]);
    expect(asList({ value: 'x', Count: 1 })).toEqual([{ value: 'x', Count: 1 }]);
    expect(textList({ value: ['3389', 3390, null, {}], Count: 4 })).toEqual(['3389', '3390']);
    expect(textList('Any')).toEqual(['Any']);
  });
  it('reads ISO dates and the /Date(ms)/ form of Windows PowerShell 5.1', () => {
    expect(isoDate({ d: '/Date(1785930072000)/' }, 'd')).toBe('2026-08-05T11:41:12.000Z');
    expect(isoDate({ d: '2026-08-05T07:41:12.0000000Z' }, 'd')).toBe('2026-08-05T07:41:12.000Z');
    expect(isoDate({ d: 'gestern' }, 'd')).toBeNull();
    expect(isoDate({ d: 17 }, 'd')).toBeNull();
  });
});

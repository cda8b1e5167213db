import { describe, expect, it } from 'vitest';
import { generateCleanRdp, FALLBACK_SECURITY_COST } from './generate';
import { parseRdpBytes } from './parse';
import { validateRdpFile } from './validate';

const lines = (text: string) => text.split('\r\n').filter(Boolean);

describe('generateCleanRdp', () => {
  it('writes the minimal fallback file (docs/protocol.md#the-fallback-file) as UTF-16LE with BOM and CRLF', () => {
    const out = generateCleanRdp({ address: 'Server01.corp.example', fallback: true, username: 'CORP\\anna' });
    expect([...out.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(lines(out.text)).toEqual([
      'full address:s:server01.corp.example',
      'server port:i:3389',
      'username:s:CORP\\anna',
      'prompt for credentials:i:1',
      'authentication level:i:2',
      'enablecredsspsupport:i:0',
      'negotiate security layer:i:1',
      'gatewayusagemethod:i:0',
      'autoreconnection enabled:i:1',
    ]);
    expect(out.securityCost).toBe(FALLBACK_SECURITY_COST);
    expect(out.securityCost).toMatch(/Network Level Authentication/);
    const parsed = parseRdpBytes(out.bytes);
    // The fallback file turns NLA off on purpose, and checking it says so with the consequence; nothing else is wrong.
    expect(
      parsed.ok &&
        validateRdpFile(parsed.file)
          .filter((i) => i.severity !== 'info')
          .map((i) => i.code),
    ).toEqual(['nla-off']);
  });

  it('without fallback keeps NLA untouched and states no cost', () => {
    const out = generateCleanRdp({ address: 'host:3390', fallback: false });
    expect(lines(out.text)).toEqual(['full address:s:host:3390', 'server port:i:3390', 'gatewayusagemethod:i:0', 'autoreconnection enabled:i:1']);
    expect(out.securityCost).toBeNull();
  });

  it('uses an IP address (IPv6 in brackets) and warns about the certificate name', () => {
    const out = generateCleanRdp({ address: 'server01', useIp: 'fe80::1', fallback: false });
    expect(lines(out.text)[0]).toBe('full address:s:[fe80::1]');
    expect(out.notes.join(' ')).toMatch(/name-mismatch/);
    expect(() => generateCleanRdp({ address: 'server01', useIp: 'server02', fallback: false })).toThrow(/not an IP address/);
  });

  it('adds disableudptransport only with the note that mstsc ignores it', () => {
    const out = generateCleanRdp({ address: 'h', fallback: false, disableUdpKey: true });
    expect(out.text).toContain('disableudptransport:i:1\r\n');
    expect(out.notes.join(' ')).toMatch(/ignored by Remote Desktop Connection.*client\.disable-udp/);
    expect(generateCleanRdp({ address: 'h', fallback: true }).text).not.toContain('disableudptransport');
  });

  it('refuses addresses and user names that would inject lines', () => {
    expect(() => generateCleanRdp({ address: 'h\r\nenablecredsspsupport:i:1', fallback: false })).toThrow();
    expect(() => generateCleanRdp({ address: 'h', fallback: false, username: 'a\nb' })).toThrow(/one line/);
  });
});

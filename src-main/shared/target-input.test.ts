import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../test-support/fuzz';
import { BadInputError } from './errors';
import { parseTarget } from './target-input';

function problemOf(input: string): string {
  try {
    parseTarget(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('parseTarget: what people paste', () => {
  it.each([
    ['server01', 'server01', 3389, false],
    ['Server01.corp.example:3390', 'server01.corp.example', 3390, false],
    ['10.0.0.5', '10.0.0.5', 3389, true],
    ['10.0.0.5:13389', '10.0.0.5', 13389, true],
    ['[::1]:3390', '::1', 3390, true],
    ['[fe80::1]', 'fe80::1', 3389, true],
    ['::1', '::1', 3389, true],
    ['  pc-042.corp.example:3390  ', 'pc-042.corp.example', 3390, false],
    ['"pc-042"', 'pc-042', 3389, false],
    ['rdp://pc-042.corp.example:3390', 'pc-042.corp.example', 3390, false],
    ['rdp://pc-042/', 'pc-042', 3389, false],
    ['RDP://[fe80::1]:3391', 'fe80::1', 3391, true],
    ['rdp://full%20address=s:pc-042.corp.example:3390&audiomode=i:2&disable%20themes=i:1', 'pc-042.corp.example', 3390, false],
    ['rdp://full+address=s:10.0.0.5&username=s:LAB%5Canna', '10.0.0.5', 3389, true],
    ['mstsc /v:pc-042:3390', 'pc-042', 3390, false],
    ['mstsc.exe /v:pc-042 /admin', 'pc-042', 3389, false],
    ['C:\\Windows\\System32\\mstsc.exe /f /v:10.0.0.5:3390', '10.0.0.5', 3390, true],
    ['mstsc /v:"pc-042:3390"', 'pc-042', 3390, false],
    ['/v:pc-042', 'pc-042', 3389, false],
    ['/v:[::1]:3390', '::1', 3390, true],
    ['full address:s:pc-042.corp.example:3390', 'pc-042.corp.example', 3390, false],
    ['full address:s:10.0.0.5', '10.0.0.5', 3389, true],
    ['\\\\pc-042', 'pc-042', 3389, false],
    ['\\\\pc-042.corp.example\\c$', 'pc-042.corp.example', 3389, false],
  ])('%j → %s port %d', (input, host, port, isAddress) => {
    expect(parseTarget(input)).toEqual({ input: input.trim().replace(/^"(.*)"$/, '$1'), host, port, isAddress });
  });

  it('a .rdp file’s own port is the default when the text names none', () => {
    expect(parseTarget('pc-042', 3390).port).toBe(3390);
    expect(parseTarget('pc-042:3391', 3390).port).toBe(3391);
  });
});

describe('parseTarget: one line that names the real problem', () => {
  it.each([
    ['host:99999', /^Port 99999 is out of range: a port is a number from 1 to 65535\.$/],
    ['host:0', /^Port 0 is out of range/],
    ['host:65536', /^Port 65536 is out of range/],
    ['host:abc', /is not a port/],
    ['https://intranet.corp.example/rdweb', /^That is a web address, not a computer: type the computer's name/],
    ['http://pc-042', /^That is a web address/],
    ['ftp://pc-042', /link is not a computer/],
    ['10.0.0.300', /^10\.0\.0\.300 is not a valid IP address/],
    ['10.0.0', /is not a valid IP address/],
    ['10.0.0.5.6', /is not a valid IP address/],
    ['', /^No remote computer given/],
    ['pc 042', /cannot contain spaces/],
    ['anna@pc-042', /without a user name/],
    ['mstsc /admin', /names no computer/],
    ['rdp://full%20address=s:pc%ZZ', /damaged/],
    ['[::1', /closing "\]"/],
    ['[notv6]:3389', /is not a valid IPv6 address/],
    ['fe80::1::2', /is not a valid IPv6 address/],
    ['C:/temp/x', /(is not a port|looks like a path)/],
  ])('%j', (input, message) => {
    expect(problemOf(input)).toMatch(message);
  });

  it.each(['-oProxyCommand=x', 'a;rm -rf /', '$(touch /tmp/x)', 'host`id`', 'a|b', 'line\nbreak', 'x'.repeat(400), 'bad..name', 'rdp://', 'full address:s:'])(
    'rejects %j with one line',
    (input) => {
      expect(problemOf(input)).not.toContain('\n');
    },
  );

  it('never throws anything but BadInputError, and always one line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          const t = parseTarget(text);
          expect(t.port).toBeGreaterThanOrEqual(1);
          expect(t.port).toBeLessThanOrEqual(65535);
          expect(t.host).not.toMatch(/[\s;|`$]/);
        } catch (error) {
          expect(error).toBeInstanceOf(BadInputError);
          expect((error as Error).message).not.toMatch(/[\r\n]/);
        }
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});

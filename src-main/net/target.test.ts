import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIPv4, isIPv6 } from '../shared/target-input';
import { ipFamily, isLoopbackAddress } from '../shared/ip';
import { fuzzRuns } from '../test-support/fuzz';

// The target parser lives in shared/ (no Node there, so the dashboard can use it); here it is held to Node's own reading.
describe('address syntax, as Node reads it', () => {
  it('isIPv4, isIPv6 and ipFamily agree with net.isIP', () => {
    const v6chars = fc.constantFrom(...'0123456789abcdefABCDEF:.%z'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ unit: v6chars, maxLength: 45 })), (text) => {
        expect(isIPv4(text)).toBe(isIP(text) === 4);
        expect(isIPv6(text)).toBe(isIP(text) === 6);
        expect(ipFamily(text)).toBe(isIP(text));
      }),
      { numRuns: fuzzRuns(2000) },
    );
    for (const text of [
      '::',
      '::ffff:10.0.0.5',
      '1:2:3:4::5:6:7:8',
      '::1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7::',
      '::1:2:3:4:5:6:7:8',
      '1::2:3:4:5:6:1.2.3.4',
      '::ffff:1.2.3.4%eth0',
      'fe80::1%',
      '::01.2.3.4',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:1.2.3.4',
      'fe80::1%eth0',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '::ffff:10.0.0.256',
      '::%:',
      '::%_',
      '::%~',
      'fe80::1%eth0:1',
    ]) {
      expect(isIPv6(text), text).toBe(isIP(text) === 6);
      expect(ipFamily(text), text).toBe(isIP(text));
    }
    for (const text of ['localhost', 'srv.corp.example', '', ' 10.0.0.5', '10.0.0.5 ', '[::1]']) expect(ipFamily(text), text).toBe(isIP(text));
  });
});

describe('isLoopbackAddress', () => {
  it('knows 127.0.0.0/8 and ::1 in their spellings, and nothing else', () => {
    for (const yes of ['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::0:1', '0000::0001', '::ffff:127.0.0.1', '::ffff:7f00:1', '::1%lo'])
      expect(isLoopbackAddress(yes), yes).toBe(true);
    for (const no of ['10.0.0.1', '128.0.0.1', '::', '::2', '1::1', 'fe80::1', '::ffff:10.0.0.1', 'localhost', '', '127.0.0.1.example', '[::1]', '::1%'])
      expect(isLoopbackAddress(no), no).toBe(false);
  });
});

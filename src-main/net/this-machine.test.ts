import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { namesMachine, thisMachine } from './this-machine';

describe('namesMachine', () => {
  const host01 = { name: 'RDP-HOST01', addresses: ['10.0.0.7', 'fe80::1c2:3ff:fe44:5566'] };

  it('knows the names and addresses of a computer', () => {
    for (const h of [
      'localhost',
      'LOCALHOST.',
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '::ffff:127.0.0.1',
      'rdp-host01',
      'RDP-HOST01.corp.example.com',
      'rdp-host01.',
      '10.0.0.7',
      'FE80::1C2:3FF:FE44:5566',
    ]) {
      expect(namesMachine(h, host01), h).toBe(true);
    }
    for (const h of ['10.0.0.5', '::2', 'rdp-host02', 'evil.localhost.example.com', '128.0.0.1', '::ffff:10.0.0.8']) {
      expect(namesMachine(h, host01), h).toBe(false);
    }
  });

  it('with no name known (a recording without one) only loopback names it', () => {
    expect(namesMachine('anything', { name: '', addresses: [] })).toBe(false);
    expect(namesMachine('127.0.0.1', { name: '', addresses: [] })).toBe(true);
  });

  it('by default asks about the computer it runs on', () => {
    expect(namesMachine(hostname())).toBe(true);
    expect(thisMachine().addresses).toContain('127.0.0.1');
    expect(namesMachine('rdp-doctor-not-this-machine.invalid')).toBe(false);
  });
});

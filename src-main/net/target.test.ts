import { describe, expect, it } from 'vitest';
import { parseTarget } from './target';
import { BadInputError } from '../shared/errors';

describe('parseTarget', () => {
  it.each([
    ['server01', 'server01', 3389, false],
    ['Server01.corp.example:3390', 'server01.corp.example', 3390, false],
    ['10.0.0.5', '10.0.0.5', 3389, true],
    ['10.0.0.5:13389', '10.0.0.5', 13389, true],
    ['[::1]:3390', '::1', 3390, true],
    ['[fe80::1]', 'fe80::1', 3389, true],
    ['::1', '::1', 3389, true],
  ])('%s', (input, host, port, isAddress) => {
    expect(parseTarget(input)).toEqual({ input, host, port, isAddress });
  });

  it.each([
    '',
    'host:0',
    'host:65536',
    'host:abc',
    '-oProxyCommand=x',
    'a;rm -rf /',
    '$(touch /tmp/x)',
    'host`id`',
    'a|b',
    'line\nbreak',
    '[::1',
    '[notv6]:3389',
    'x'.repeat(400),
    'bad..name',
  ])('rejects %j with one clear line', (input) => {
    expect(() => parseTarget(input)).toThrow(BadInputError);
    try {
      parseTarget(input);
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });
});

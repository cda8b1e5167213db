import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../../test-support/fuzz';
import { isWindowsCollectorError } from '../errors';
import { parseCredentialsOutput } from './credentials';
import { parseEventsOutput } from './events';
import { parseRdpFilesOutput } from './rdp-files';
import { parseCacheOutput, parsePendingRebootOutput, parsePolicyOutput, parseVersionsOutput } from './config';
import { parseSecurityOutput, parseVpnOutput } from './network';

const PARSERS = {
  parseCredentialsOutput,
  parseEventsOutput,
  parseRdpFilesOutput,
  parseCacheOutput,
  parsePendingRebootOutput,
  parsePolicyOutput,
  parseVersionsOutput,
  parseSecurityOutput,
  parseVpnOutput,
};

const KEYS = [
  'lines',
  'events',
  'files',
  'mru',
  'servers',
  'data',
  'id',
  'timeUtc',
  'message',
  'contentBase64',
  'path',
  'name',
  'adapters',
  'routes',
  'defaultRoutes',
  'antivirus',
  'productState',
  'schannelClient',
  'currentBuild',
  'recentUpdates',
  'value',
];

/** JSON shaped loosely like collector output: the known keys with any JSON under them, nested. */
const shaped = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('object'), fc.array(tie('object'), { maxLength: 3 })),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
})).object;

describe('client parsers on hostile output', () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} returns or throws a WindowsCollectorError, never anything else`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            shaped.map((v) => JSON.stringify(v)),
          ),
          (text) => {
            try {
              const out = parse(text);
              expect(JSON.parse(JSON.stringify(out))).toBeDefined();
            } catch (e) {
              if (!isWindowsCollectorError(e)) throw e;
              expect(e.message).not.toMatch(/\n/);
            }
          },
        ),
        { numRuns: fuzzRuns(60) },
      );
    });
  }
});

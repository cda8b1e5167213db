import fc from 'fast-check';
import { fuzzRuns } from '../../test-support/fuzz';
import { describe, expect, it } from 'vitest';
import { isWindowsCollectorError } from '../errors';
import { parseCapacity } from './capacity';
import { judgeCertificate, parseCertificates } from './certificate';
import { parseEvents, summarizeEvents } from './events';
import { judgeFirewall, parseFirewall } from './firewall';
import { parseMachineKeys } from './machinekeys';
import { parseRdpRegistry, parseSchannel } from './registry';
import { judgeListener, parseListener, parseServices } from './services';
import { parseTsSetting } from './ts-setting';

// Each parser is paired with its judge, so odd values that parse must also be judged without a crash.
const PIPELINES: Record<string, (s: string) => unknown> = {
  'server-rdp-registry': parseRdpRegistry,
  'server-schannel': parseSchannel,
  'server-services': parseServices,
  'server-listener': (s) => judgeListener(parseListener(s)),
  'server-ts-setting': parseTsSetting,
  'server-capacity': parseCapacity,
  'server-certificate': (s) => judgeCertificate(parseCertificates(s), null, new Date('2026-11-21T12:00:00Z')),
  'server-machinekeys': parseMachineKeys,
  'server-firewall': (s) => judgeFirewall(parseFirewall(s), 3389),
  'server-events': (s) => summarizeEvents(parseEvents(s)),
};

// Field names the scripts print, so random objects often hit the real paths.
const KEYS = [
  'services',
  'tcp',
  'udp',
  'configuredPort',
  'termServicePid',
  'localPort',
  'name',
  'state',
  'protocols',
  'protocol',
  'Enabled',
  'certificates',
  'thumbprint',
  'notAfter',
  'keyAcl',
  'aces',
  'sid',
  'rights',
  'type',
  'exists',
  'rules',
  'profiles',
  'networks',
  'enabled',
  'profile',
  'localPort',
  'events',
  'id',
  'data',
  'time',
  'found',
  'sessions',
  'value',
  'Count',
  'rdpTcp',
  'policy',
  'terminalServer',
];
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constantFrom('3389', '-1', '/Date(0)/', 'True', '36887'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('server parsers never crash on hostile output', () => {
  for (const [name, run] of Object.entries(PIPELINES)) {
    it(`${name}: returns or throws a WindowsCollectorError`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            json.map((v) => JSON.stringify(v)),
            fc.string(),
          ),
          (text) => {
            try {
              run(text);
            } catch (e) {
              expect(isWindowsCollectorError(e)).toBe(true);
            }
          },
        ),
        { numRuns: fuzzRuns(100) },
      );
    });
  }
});

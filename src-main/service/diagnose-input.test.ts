import { describe, expect, it } from 'vitest';
import { BadInputError } from '../shared/errors';
import { parseTarget } from '../net/target';
import { createReplaySource } from '../windows/replay-source';
import { prepareRequest, recordedHostSkip } from './diagnosis';

const deps = {
  decode: () => { throw new Error('not used'); },
  readRdpFile: () => { throw new Error('not used'); },
};

describe('prepareRequest', () => {
  it('turns a target naming a .rdp file that does not exist into bad input, not a host name', () => {
    expect(() => prepareRequest({ target: 'foo.rdp' }, deps)).toThrow(BadInputError);
    expect(() => prepareRequest({ target: 'C:\\Users\\me\\Work.RDP' }, deps)).toThrow(/looks like a \.rdp file/);
    expect(prepareRequest({ target: 'rdp.example.com' }, deps).target.host).toBe('rdp.example.com');
  });
});

describe('recordedHostSkip', () => {
  const host = createReplaySource('e2e/fixtures/windows/host-expired-cert');

  it('skips the network checks when the target names the recorded host (its name, short or full, or loopback)', () => {
    for (const target of ['RDP-HOST01', 'rdp-host01.corp.example.com', 'localhost', '127.0.0.1']) {
      const skip = recordedHostSkip(parseTarget(target), host);
      expect(skip?.('net.tcp'), target).toMatch(/recorded host/);
      expect(skip?.('server.certificate'), target).toBeNull();
    }
  });

  it('probes any other target, and needs a recorded host to skip anything', () => {
    expect(recordedHostSkip(parseTarget('rdp-host02'), host)).toBeUndefined();
    expect(recordedHostSkip(parseTarget('localhost'), createReplaySource('e2e/fixtures/windows/healthy-client'))).toBeUndefined();
    expect(recordedHostSkip(parseTarget('localhost'), null)).toBeUndefined();
  });
});

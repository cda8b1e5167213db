import { describe, expect, it } from 'vitest';
import { BadInputError } from '../shared/errors';
import { parseTarget } from '../net/target';
import { createReplaySource } from '../windows/replay-source';
import { decodeCodes } from '../diagnosis/decode';
import { prepareRequest, recordedHostSkip } from './diagnosis';

const deps = {
  decode: () => {
    throw new Error('not used');
  },
  readRdpFile: () => {
    throw new Error('not used');
  },
};

describe('prepareRequest', () => {
  it('turns a target naming a .rdp file that does not exist into bad input, not a host name', () => {
    expect(() => prepareRequest({ target: 'foo.rdp' }, deps)).toThrow(BadInputError);
    expect(() => prepareRequest({ target: 'C:\\Users\\me\\Work.RDP' }, deps)).toThrow(/looks like a \.rdp file/);
    expect(prepareRequest({ target: 'rdp.example.com' }, deps).target.host).toBe('rdp.example.com');
  });

  it('starts with error text that holds no code: the words are kept as the hint (the CredSSP dialog shows none)', () => {
    const text = 'An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation.';
    const { errorHint } = prepareRequest({ target: 'pc-042', error: text }, { ...deps, decode: decodeCodes });
    expect(errorHint).toMatchObject({ input: text, codes: [], steer: 'unknown' });
    expect(prepareRequest({ target: 'pc-042', error: '0x904 0x7' }, { ...deps, decode: decodeCodes }).errorHint?.codes).toHaveLength(2);
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

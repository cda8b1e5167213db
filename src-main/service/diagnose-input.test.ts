import { describe, expect, it } from 'vitest';
import { BadInputError } from '../shared/errors';
import { prepareRequest } from './diagnosis';

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

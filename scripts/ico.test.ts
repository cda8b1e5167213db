import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { demultiply, encodeDib, encodeIco } from './ico.mjs';

describe('ico writer', () => {
  it('writes a directory Windows can read and bottom-up BGRA pixels', () => {
    // 2x2: top-left red, top-right green, bottom-left blue, bottom-right half-transparent white.
    const rgba = Buffer.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 128]);
    const dib: Buffer = encodeDib(2, rgba);
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const ico: Buffer = encodeIco([
      { size: 2, data: dib },
      { size: 256, data: png },
    ]);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    const entry = (i: number) => ({ w: ico[6 + i * 16], bytes: ico.readUInt32LE(6 + i * 16 + 8), offset: ico.readUInt32LE(6 + i * 16 + 12) });
    expect(entry(0)).toEqual({ w: 2, bytes: dib.length, offset: 6 + 32 });
    expect(entry(1)).toEqual({ w: 0, bytes: png.length, offset: 6 + 32 + dib.length });
    expect(ico.subarray(entry(1).offset)).toEqual(png);
    const d = ico.subarray(entry(0).offset, entry(0).offset + entry(0).bytes);
    expect([d.readUInt32LE(0), d.readInt32LE(4), d.readInt32LE(8), d.readUInt16LE(14)]).toEqual([40, 2, 4, 32]);
    // First stored row is the bottom row: blue, then half-transparent white.
    expect([...d.subarray(40, 48)]).toEqual([255, 0, 0, 255, 255, 255, 255, 128]);
    expect([...d.subarray(48, 56)]).toEqual([0, 0, 255, 255, 0, 255, 0, 255]);
    expect(d.length).toBe(40 + 16 + 4 * 2);
  });
  it('refuses a wrong pixel count or size', () => {
    expect(() => encodeDib(2, Buffer.alloc(15))).toThrow(/needs 16 bytes/);
    expect(() => encodeIco([{ size: 300, data: Buffer.alloc(1) }])).toThrow(/bad size/);
  });
  it('demultiplies premultiplied colour', () => {
    expect([...demultiply(Buffer.from([128, 0, 64, 128, 10, 20, 30, 0, 1, 2, 3, 255]))]).toEqual([255, 0, 128, 128, 10, 20, 30, 0, 1, 2, 3, 255]);
  });
});

import { describe, expect, it } from 'vitest';
import { windowHandle } from './native-handle';

describe('windowHandle', () => {
  it('reads a 64-bit or a 32-bit HWND as decimal, and nothing from an empty buffer', () => {
    const wide = Buffer.alloc(8);
    wide.writeBigUInt64LE(0x1234abcdn);
    expect(windowHandle(wide)).toBe(String(0x1234abcd));
    const narrow = Buffer.alloc(4);
    narrow.writeUInt32LE(0x00020a3c);
    expect(windowHandle(narrow)).toBe(String(0x00020a3c));
    expect(windowHandle(Buffer.alloc(0))).toBeNull();
  });
});

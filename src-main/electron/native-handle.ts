/** The window handle Electron gives as bytes (HWND on Windows), as the decimal text the UAC launcher takes. */

/** Reads a native window handle buffer (8 bytes on 64-bit Windows, 4 on 32-bit) as a decimal string; null if empty. */
export function windowHandle(buffer: Buffer): string | null {
  if (buffer.length >= 8) return buffer.readBigUInt64LE(0).toString();
  if (buffer.length >= 4) return String(buffer.readUInt32LE(0));
  return null;
}

/** Pure helpers shared by the sandboxed preload (a .rdp file dropped on the window) and main (no node imports here). */
import type { RdpFileInput } from '../shared/dto';
import { MAX_RDP_FILE_BYTES } from '../shared/limits';

export { MAX_RDP_FILE_BYTES } from '../shared/limits';

/** True for a file name ending in .rdp (any case). */
export function isRdpFileName(name: string): boolean {
  return /\.rdp$/i.test(name);
}

/** Base64 of `bytes` without Buffer (the sandboxed preload has none); chunked so large inputs do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Pure: the RdpFileInput for a dropped file, or null when it is not a .rdp file or too large. */
export function droppedRdpFile(name: string, bytes: Uint8Array): RdpFileInput | null {
  if (!isRdpFileName(name) || bytes.length > MAX_RDP_FILE_BYTES) return null;
  return { name: name.slice(-260), contentBase64: bytesToBase64(bytes) };
}

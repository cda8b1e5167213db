/** Pure helpers shared by the sandboxed preload (a .rdp file dropped on the window) and main (no node imports here). */
import { bytesToBase64 } from '../shared/base64';
import type { RdpFileInput } from '../shared/dto';
import { MAX_RDP_FILE_BYTES } from '../shared/limits';

export { MAX_RDP_FILE_BYTES } from '../shared/limits';

/** True for a file name ending in .rdp (any case). */
export function isRdpFileName(name: string): boolean {
  return /\.rdp$/i.test(name);
}

/** Pure: the RdpFileInput for a dropped file, or null when it is not a .rdp file or too large. */
export function droppedRdpFile(name: string, bytes: Uint8Array): RdpFileInput | null {
  if (!isRdpFileName(name) || bytes.length > MAX_RDP_FILE_BYTES) return null;
  return { name: name.slice(-260), contentBase64: bytesToBase64(bytes) };
}

/** Moving bytes between the page and the service: base64 both ways, dropped .rdp files, and saving a file as a download. */
import { base64ToBytes, bytesToBase64 } from '../../src-main/shared/base64';
import type { RdpFileInput } from '../../src-main/shared/dto';

export { base64ToBytes, bytesToBase64 } from '../../src-main/shared/base64';

/** Saves base64 content as a file download (works in browser mode and in Electron, which shows its save dialog). */
export function downloadBase64(fileName: string, mime: string, contentBase64: string): void {
  const blob = new Blob([base64ToBytes(contentBase64) as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Largest .rdp file taken from a drop (real ones are a few KB; the service's limit is 2 MB of base64). */
export const MAX_DROPPED_RDP_BYTES = 1024 * 1024;

/** A dropped file as an RdpFileInput, or null when it is not a .rdp file, too large or unreadable. */
export async function readDroppedRdpFile(file: File): Promise<RdpFileInput | null> {
  if (!/\.rdp$/i.test(file.name) || file.size > MAX_DROPPED_RDP_BYTES) return null;
  try {
    return { name: file.name.slice(-260), contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  } catch {
    return null;
  }
}

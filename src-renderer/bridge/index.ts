/** The only module that touches window.api or the browser-mode transport; everything else calls these functions. */
import type { Channel, ChannelArgs, ChannelReply } from '../../src-main/shared/channels';
import type { ApiError, ProgressEvent, RdpFileInput } from '../../src-main/shared/dto';
import { displayText, displayTextDeep } from '../../src-main/shared/display-text';
import { createBrowserTransport } from './browser-transport';
import type { Transport } from './types';

export { base64ToBytes, bytesToBase64, downloadBase64 } from './files';

/** An API error carried as an exception, keeping the envelope's code. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  /** The envelope's error code. */
  readonly code: ApiError['code'];
  constructor(error: ApiError) {
    super(displayText(error.message));
    this.code = error.code;
  }
}

let transport: Transport | null = null;

function current(): Transport {
  if (!transport) {
    const api = typeof window !== 'undefined' ? window.api : undefined;
    transport = api
      ? {
          door: 'electron',
          invoke: (channel, args) => api.invoke(channel, args),
          onProgress: (listener) => api.onProgress(listener),
          onOpenRdpFile: (listener) => api.onOpenRdpFile(listener),
          ready: () => api.ready(),
        }
      : createBrowserTransport();
  }
  return transport;
}

/** Replaces the transport (tests). */
export function setTransport(next: Transport | null): void {
  transport = next;
}

/** Which door the UI runs behind. */
export function door(): Transport['door'] {
  return current().door;
}

/**
 * Calls a channel and returns its value; throws BridgeError with the service's one-line message on failure. Replies
 * carry text from servers and files, so every string is passed through displayText before any component shows it.
 */
export async function call<C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<ChannelReply<C>> {
  const envelope = await current().invoke(channel, args);
  if (envelope.ok) return displayTextDeep(envelope.value);
  throw new BridgeError(envelope.error);
}

/** Subscribes to diagnosis progress (its text passed through displayText, like replies); returns the unsubscribe function. */
export function subscribeProgress(listener: (event: ProgressEvent) => void): () => void {
  return current().onProgress((event) => listener(displayTextDeep(event)));
}

/** Subscribes to .rdp files opened from outside the page (Electron: association, argument, menu, window drop). */
export function subscribeOpenedFiles(listener: (file: RdpFileInput) => void): () => void {
  return current().onOpenRdpFile((file) => listener({ ...file, name: displayText(file.name) }));
}

/** Says the UI is ready for progress pushes. */
export function signalReady(): void {
  current().ready();
}

/** A readable one-line message for anything thrown by a call. */
export function messageOf(error: unknown): string {
  return displayText(error instanceof Error ? error.message : String(error));
}

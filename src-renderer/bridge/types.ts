/** The transport-neutral shape the bridge offers: typed calls, progress pushes, file downloads. */
import type { Channel, ChannelArgs, ChannelReply } from '../../src-main/shared/channels';
import type { Envelope, ProgressEvent, RdpFileInput } from '../../src-main/shared/dto';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by src-main/electron/preload.ts. */
    api?: import('../../src-main/electron/preload').Api;
  }
}

/** One way of reaching the application service (Electron IPC or the browser-mode HTTP door). */
export interface Transport {
  /** Which door this is. */
  readonly door: 'electron' | 'browser';
  /** Calls a channel and resolves with its envelope (never rejects for API errors). */
  invoke<C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<Envelope<ChannelReply<C>>>;
  /** Subscribes to progress events; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Subscribes to .rdp files opened from outside the page (file association, argument, menu); returns the unsubscribe function. */
  onOpenRdpFile(listener: (file: RdpFileInput) => void): () => void;
  /** Tells the service the UI listens (Electron only; a no-op in the browser). */
  ready(): void;
}

/** The preload: exposes exactly one key, `api`, whose type the renderer derives (never written by hand). */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, OPEN_RDP_CHANNEL, PROGRESS_CHANNEL, READY_CHANNEL } from '../shared/channel-names';
import type { Channel, ChannelArgs, ChannelReply } from '../shared/channels';
import type { Envelope, ProgressEvent, RdpFileInput } from '../shared/dto';
import { droppedRdpFile, isRdpFileName, MAX_RDP_FILE_BYTES } from './rdp-drop';

const allowed = new Set<string>(CHANNEL_NAMES);
const openListeners = new Set<(file: RdpFileInput) => void>();

function emitOpen(file: RdpFileInput): void {
  for (const listener of openListeners) listener({ name: file.name, contentBase64: file.contentBase64 });
}

ipcRenderer.on(OPEN_RDP_CHANNEL, (_event: unknown, payload: RdpFileInput) => {
  if (typeof payload?.name === 'string' && typeof payload.contentBase64 === 'string') emitOpen(payload);
});

/** The slice of a DOM drag event the preload reads (the main tsconfig has no DOM lib). */
interface DragEventLike {
  readonly defaultPrevented: boolean;
  preventDefault(): void;
  readonly dataTransfer: { readonly types: readonly string[]; readonly files: ArrayLike<{ name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }> } | null;
}
const page = globalThis as unknown as { addEventListener(type: 'dragover' | 'drop', listener: (event: DragEventLike) => void): void };

// A .rdp file dropped anywhere the page did not handle the drop itself takes the same path as one opened from outside.
page.addEventListener('dragover', (event) => {
  if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
});
page.addEventListener('drop', (event) => {
  const file = event.dataTransfer?.files[0];
  if (event.defaultPrevented || !file) return;
  event.preventDefault();
  if (!isRdpFileName(file.name) || file.size > MAX_RDP_FILE_BYTES) return;
  void file.arrayBuffer().then((buffer) => {
    const input = droppedRdpFile(file.name, new Uint8Array(buffer));
    if (input) emitOpen(input);
  });
});

/** The renderer's whole view of the main process. */
export const api = {
  /** Calls a request channel; the main process validates `args` and answers with an envelope. */
  invoke<C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<Envelope<ChannelReply<C>>> {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { code: 'bad-input', message: `Unknown channel ${String(channel)}.` } });
    return ipcRenderer.invoke(channel, args) as Promise<Envelope<ChannelReply<C>>>;
  },
  /** Subscribes to diagnosis progress; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    const handler = (_event: unknown, payload: ProgressEvent): void => listener(payload);
    ipcRenderer.on(PROGRESS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, handler);
    };
  },
  /** Subscribes to .rdp files opened from outside (association, argument, menu, drop on the window); returns the unsubscribe function. */
  onOpenRdpFile(listener: (file: RdpFileInput) => void): () => void {
    const wrapped = (file: RdpFileInput): void => listener(file);
    openListeners.add(wrapped);
    return () => {
      openListeners.delete(wrapped);
    };
  },
  /** Tells the main process the renderer is listening, so pushes may start (call after subscribing). */
  ready(): void {
    ipcRenderer.send(READY_CHANNEL);
  },
};

/** The type of `window.api`, derived from the export above. */
export type Api = typeof api;

contextBridge.exposeInMainWorld('api', api);

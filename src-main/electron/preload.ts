/** The preload: exposes exactly one key, `api`, whose type the renderer derives (never written by hand). */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, PROGRESS_CHANNEL, READY_CHANNEL } from '../shared/channel-names';
import type { Channel, ChannelArgs, ChannelReply } from '../shared/channels';
import type { Envelope, ProgressEvent } from '../shared/dto';

const allowed = new Set<string>(CHANNEL_NAMES);

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
  /** Tells the main process the renderer is listening, so pushes may start. */
  ready(): void {
    ipcRenderer.send(READY_CHANNEL);
  },
};

/** The type of `window.api`, derived from the export above. */
export type Api = typeof api;

contextBridge.exposeInMainWorld('api', api);

/** Browser-mode door: POST /api/invoke/<channel> with the URL's token, progress over server-sent events. */
import type { Channel, ChannelArgs, ChannelReply } from '../../src-main/shared/channels';
import type { Envelope, ProgressEvent } from '../../src-main/shared/dto';
import { readDroppedRdpFile } from './files';
import type { Transport } from './types';

/** How long one HTTP call may take before the UI gives up (a diagnosis itself runs as a task, not in one call). */
const CALL_TIMEOUT_MS = 120_000;

/** Reads the session token from a page URL's `?token=` parameter. */
export function readToken(href: string): string {
  try {
    return new URL(href).searchParams.get('token') ?? '';
  } catch {
    return '';
  }
}

/** Turns an HTTP reply into an envelope, keeping the server's error when it sent one. */
export async function toEnvelope<T>(response: Response): Promise<Envelope<T>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, error: { code: 'internal', message: `The app answered ${response.status} without data.` } };
  }
  if (body && typeof body === 'object' && 'ok' in body) return body as Envelope<T>;
  return { ok: false, error: { code: 'internal', message: `Unexpected reply (HTTP ${response.status}).` } };
}

/** Creates the browser transport for a page served by `rdp-doctor ui --browser`. */
export function createBrowserTransport(href: string = window.location.href): Transport {
  const token = readToken(href);
  const listeners = new Set<(event: ProgressEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = (): void => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('progress', (message) => {
      let event: ProgressEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as ProgressEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    });
  };

  return {
    door: 'browser',
    async invoke<C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<Envelope<ChannelReply<C>>> {
      try {
        const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(args ?? {}),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        return await toEnvelope<ChannelReply<C>>(response);
      } catch (error) {
        const message = error instanceof Error && error.name === 'TimeoutError' ? 'The app did not answer in time.' : 'The app cannot be reached. Is RDP Doctor still running?';
        return { ok: false, error: { code: 'internal', message } };
      }
    },
    onProgress(listener) {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    // Like the Electron window: a .rdp file dropped anywhere the page did not handle the drop itself (the start
    // form's drop zone does) counts as opened from outside.
    onOpenRdpFile(listener) {
      const onDragOver = (event: DragEvent): void => {
        if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
      };
      const onDrop = (event: DragEvent): void => {
        const file = event.dataTransfer?.files[0];
        if (event.defaultPrevented || !file) return;
        event.preventDefault();
        void readDroppedRdpFile(file).then((input) => input && listener(input));
      };
      window.addEventListener('dragover', onDragOver);
      window.addEventListener('drop', onDrop);
      return () => {
        window.removeEventListener('dragover', onDragOver);
        window.removeEventListener('drop', onDrop);
      };
    },
    ready() {},
  };
}

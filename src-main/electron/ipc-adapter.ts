/** The IPC adapter's logic over a given ipcMain (ipc.ts passes Electron's): sender check, validation, ready-gated pushes. */
import { CHANNEL_NAMES, OPEN_RDP_CHANNEL, PROGRESS_CHANNEL, READY_CHANNEL } from '../shared/channel-names';
import type { AppService } from '../service/app-service';
import { dispatch } from '../service/dispatch';
import type { Envelope, ProgressEvent, RdpFileInput } from '../shared/dto';
import { createPushQueue } from './open-rdp';
import { isTrustedSender, type SenderLike } from './security';

/** The slice of Electron's ipcMain the adapter uses (tests pass a registry; this module loads without the binary). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, args: unknown) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: SenderLike) => void): unknown;
  removeListener(channel: string, listener: (event: SenderLike) => void): unknown;
}

/** The slice of a BrowserWindow the adapter uses. */
export interface WindowLike {
  readonly webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean };
  isDestroyed(): boolean;
}

/** Everything setupIpc needs. */
export interface IpcOptions {
  readonly ipcMain: IpcMainLike;
  readonly service: Pick<AppService, 'handlers' | 'onProgress'>;
  readonly getWindow: () => WindowLike | null;
  /** The app page's file:// URL; only its main frame may call. */
  readonly appUrl: string;
  /** Logs a refused message without its payload (it may be hostile and large). */
  readonly logRefusal?: (message: string) => void;
}

/** What setupIpc hands back to main.ts. */
export interface IpcAdapter {
  /** Hands a .rdp file to the renderer, now or as soon as it says it is ready. */
  readonly sendOpenRdp: (file: RdpFileInput) => void;
  /** Called when the page goes away (reload, crash): pushes wait for the next ready. */
  readonly resetReady: () => void;
  /** Removes every handler. */
  readonly dispose: () => void;
}

const REFUSED: Envelope<never> = { ok: false, error: { code: 'bad-input', message: 'Refused: unknown sender.' } };

/** Registers one handler per channel; pushes start only after the renderer says it is ready. */
export function createIpcAdapter(options: IpcOptions): IpcAdapter {
  const { ipcMain, service, getWindow, appUrl, logRefusal = () => undefined } = options;
  const send = (channel: string, payload: unknown): boolean => {
    const win = getWindow();
    // No isLoading() test: the page's module script says ready before its load event ends.
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return false;
    win.webContents.send(channel, payload);
    return true;
  };
  let isReady = false;
  const openQueue = createPushQueue<RdpFileInput>((file) => send(OPEN_RDP_CHANNEL, file));

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, args) => {
      if (!isTrustedSender(event, getWindow(), appUrl)) {
        logRefusal(`ipc: refused ${channel} from ${event.senderFrame?.url.slice(0, 200) ?? 'a destroyed frame'}`);
        return REFUSED;
      }
      return dispatch(service.handlers, channel, args);
    });
  }
  const onReady = (event: SenderLike): void => {
    if (!isTrustedSender(event, getWindow(), appUrl)) {
      logRefusal(`ipc: refused ${READY_CHANNEL} from an unknown sender`);
      return;
    }
    isReady = true;
    openQueue.markReady();
  };
  ipcMain.on(READY_CHANNEL, onReady);
  const off = service.onProgress((event: ProgressEvent) => {
    if (isReady) send(PROGRESS_CHANNEL, event);
  });
  return {
    sendOpenRdp: (file) => openQueue.push(file),
    resetReady: () => {
      isReady = false;
      openQueue.markNotReady();
    },
    dispose: () => {
      off();
      for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
      ipcMain.removeListener(READY_CHANNEL, onReady);
    },
  };
}

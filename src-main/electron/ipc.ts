/** The IPC adapter: the only module that registers ipcMain handlers; checks the sender and validates every argument. */
import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { CHANNEL_NAMES, OPEN_RDP_CHANNEL, PROGRESS_CHANNEL, READY_CHANNEL } from '../shared/channel-names';
import type { AppService } from '../service/app-service';
import { dispatch } from '../service/dispatch';
import type { ProgressEvent, RdpFileInput } from '../shared/dto';
import { createPushQueue } from './open-rdp';
import { isTrustedSender } from './security';

/** What setupIpc hands back to main.ts. */
export interface IpcAdapter {
  /** Hands a .rdp file to the renderer, now or as soon as it says it is ready. */
  readonly sendOpenRdp: (file: RdpFileInput) => void;
  /** Called when the page goes away (reload, crash): pushes wait for the next ready. */
  readonly resetReady: () => void;
  /** Removes every handler. */
  readonly dispose: () => void;
}

/** Logs a refused message without its payload (it may be hostile and large). */
export type RefusalLog = (message: string) => void;

/** Registers one handler per channel; pushes start only after the renderer says it is ready. */
export function setupIpc(service: AppService, getWindow: () => BrowserWindow | null, appUrl: string, logRefusal: RefusalLog = () => undefined): IpcAdapter {
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
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!isTrustedSender(event, getWindow(), appUrl)) {
        logRefusal(`ipc: refused ${channel} from ${event.senderFrame?.url.slice(0, 200) ?? 'a destroyed frame'}`);
        return { ok: false, error: { code: 'bad-input', message: 'Refused: unknown sender.' } };
      }
      return dispatch(service.handlers, channel, args);
    });
  }
  const onReady = (event: IpcMainEvent): void => {
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

/** The IPC adapter: the only module that registers ipcMain handlers; checks the sender and validates every argument. */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, PROGRESS_CHANNEL, READY_CHANNEL } from '../shared/channels';
import type { AppService } from '../service/app-service';
import { dispatch } from '../service/dispatch';
import type { ProgressEvent } from '../shared/dto';

/** True when the message comes from our own window showing our own page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, window: BrowserWindow | null, appUrl: string): boolean {
  if (!window || event.sender !== window.webContents) return false;
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(appUrl);
}

/** Registers one handler per channel; pushes progress only after the renderer says it is ready. */
export function setupIpc(service: AppService, getWindow: () => BrowserWindow | null, appUrl: string): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!isTrustedSender(event, getWindow(), appUrl)) return { ok: false, error: { code: 'bad-input', message: 'Refused: unknown sender.' } };
      return dispatch(service.handlers, channel, args);
    });
  }
  let ready = false;
  const onReady = (event: Electron.IpcMainEvent): void => {
    if (isTrustedSender(event, getWindow(), appUrl)) ready = true;
  };
  ipcMain.on(READY_CHANNEL, onReady);
  const off = service.onProgress((event: ProgressEvent) => {
    const win = getWindow();
    if (ready && win && !win.isDestroyed()) win.webContents.send(PROGRESS_CHANNEL, event);
  });
  return () => {
    off();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
    ipcMain.removeListener(READY_CHANNEL, onReady);
  };
}

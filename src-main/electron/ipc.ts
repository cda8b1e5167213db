/** The IPC entry: the only module that imports ipcMain; the logic lives in ipc-adapter.ts (tested without Electron). */
import { ipcMain } from 'electron';
import { createIpcAdapter, type IpcAdapter, type IpcOptions } from './ipc-adapter';

export type { IpcAdapter } from './ipc-adapter';

/** Registers every request channel on Electron's ipcMain with the sender check and validation. */
export function setupIpc(options: Omit<IpcOptions, 'ipcMain'>): IpcAdapter {
  return createIpcAdapter({ ...options, ipcMain });
}

/** Electron main entry: one instance, a locked-down window, and the IPC adapter over the shared service. */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createNodeAppService } from '../service/node-deps';
import { setupIpc } from './ipc';
import { createMainWindow, lockDownSession } from './window';

const distDir = join(__dirname, '..');

if (!app.requestSingleInstanceLock()) app.quit();
else {
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(() => {
    lockDownSession();
    const service = createNodeAppService({ door: 'electron', dataDir: app.getPath('userData') });
    const created = createMainWindow(distDir);
    window = created.window;
    const teardown = setupIpc(service, () => window, created.appUrl);
    window.on('closed', () => {
      window = null;
    });
    app.on('window-all-closed', () => {
      teardown();
      service.shutdown();
      app.quit();
    });
  });
}

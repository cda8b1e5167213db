/** Electron main entry: one instance, a locked-down window, the menu, .rdp files opened from outside, and the IPC adapter. */
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { exportScriptsInto } from '../scripts/export';
import { createNodeAppService } from '../service/node-deps';
import { setupIpc, type IpcAdapter } from './ipc';
import { getLogPath, logger, setupLogging } from './logging';
import { aboutText, buildMenuTemplate, PROJECT_LINKS } from './menu';
import { findRdpArgument, readRdpFile } from './open-rdp';
import { windowHandle } from './native-handle';
import { createReportFiles } from './report-files';
import { createMainWindow, loadMainWindowState, lockDownSession, openExternalIfAllowed, trackWindowState } from './window';

const distDir = join(__dirname, '..');

setupLogging();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();
else {
  let window: BrowserWindow | null = null;
  let ipc: IpcAdapter | null = null;
  const waiting: string[] = [];

  /** Reads a .rdp path and hands it to the renderer; a bad file gets a one-line message, never a crash. */
  const openRdpPath = async (path: string): Promise<void> => {
    if (!ipc) {
      waiting.push(path);
      return;
    }
    const read = await readRdpFile(path);
    if (!read.ok) {
      logger.warn(`open .rdp: ${read.message}`);
      if (window) void dialog.showMessageBox(window, { type: 'warning', message: 'This file cannot be opened.', detail: read.message });
      return;
    }
    logger.info(`open .rdp: ${read.file.name}`);
    ipc.sendOpenRdp(read.file);
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const arg = findRdpArgument(argv);
    if (arg) void openRdpPath(resolve(workingDirectory, arg));
    else if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  // macOS hands files over by event (Finder double-click, Dock drop), possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openRdpPath(path);
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const chooseRdpFile = async (): Promise<void> => {
    const options = { title: 'Open .rdp File', properties: ['openFile' as const], filters: [{ name: 'Remote Desktop Connection', extensions: ['rdp'] }] };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const path = picked.filePaths[0];
    if (!picked.canceled && path) await openRdpPath(path);
  };
  const showAbout = async (): Promise<void> => {
    const text = aboutText({ appName: app.getName(), version: app.getVersion(), versions: process.versions, logPath: getLogPath() });
    const options = { type: 'info' as const, title: `About ${app.getName()}`, ...text, buttons: ['OK', 'Project Page'], defaultId: 0, cancelId: 0 };
    const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    if (answer.response === 1) openExternalIfAllowed(PROJECT_LINKS.home);
  };

  // Help → Show the Scripts This App Runs: every PowerShell script, saved for review into a new folder, then shown.
  const exportScripts = async (): Promise<void> => {
    const options = { title: 'Save the Scripts This App Runs', buttonLabel: 'Save Here', properties: ['openDirectory' as const, 'createDirectory' as const] };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const parent = picked.filePaths[0];
    if (picked.canceled || !parent) return;
    try {
      const result = await exportScriptsInto(parent);
      logger.info(`scripts exported: ${result.files} files to ${result.dir}`);
      await shell.openPath(result.dir);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn(`scripts export: ${message}`);
      const box = { type: 'warning' as const, message: 'The scripts could not be saved.', detail: message };
      if (window) void dialog.showMessageBox(window, box);
      else void dialog.showMessageBox(box);
    }
  };

  void app
    .whenReady()
    .then(async () => {
      lockDownSession();
      const menu = buildMenuTemplate(
        { appName: app.getName(), isMac: process.platform === 'darwin', isPackaged: app.isPackaged },
        {
          openRdpFile: () => void chooseRdpFile(),
          showAbout: () => void showAbout(),
          openLogFolder: () => void shell.openPath(dirname(getLogPath())),
          exportScripts: () => void exportScripts(),
          openLink: (url) => void openExternalIfAllowed(url),
        },
      );
      Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

      // UAC prompts are owned by this window (its HWND), so Windows shows them in front instead of flashing the taskbar.
      const elevationOwner = (): string | null => (window && process.platform === 'win32' ? windowHandle(window.getNativeWindowHandle()) : null);
      const reportFiles = createReportFiles({
        showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
        openPath: (path) => shell.openPath(path),
        showItemInFolder: (path) => shell.showItemInFolder(path),
        startFolder: app.getPath('documents'),
      });
      const service = createNodeAppService({ door: 'electron', dataDir: app.getPath('userData'), logFile: getLogPath(), reportFiles, elevationOwner });
      // The app starting is when the fix journal is recovered (the window then shows what was found).
      void service.recovery().then((r) => r.problems.forEach((problem) => logger.warn(`fix journal: ${problem}`)));
      const stateFile = join(app.getPath('userData'), 'window-state.json');
      const created = createMainWindow(distDir, await loadMainWindowState(stateFile));
      const win = created.window;
      window = win;
      const flushState = trackWindowState(win, stateFile, (message) => logger.warn(message));
      ipc = setupIpc({ service, getWindow: () => window, appUrl: created.appUrl, logRefusal: (message) => logger.warn(message) });
      win.webContents.on('did-start-loading', () => ipc?.resetReady());
      win.webContents.on('render-process-gone', (_e, details) => {
        logger.error(`renderer gone: ${details.reason} (${details.exitCode})`);
        ipc?.resetReady();
      });
      win.on('closed', () => {
        window = null;
      });
      app.on('window-all-closed', () => {
        void flushState().finally(() => {
          ipc?.dispose();
          service.shutdown();
          app.quit();
        });
      });

      const fromArgs = findRdpArgument(process.argv);
      if (fromArgs) waiting.unshift(resolve(process.cwd(), fromArgs));
      for (const path of waiting.splice(0)) await openRdpPath(path);
    })
    .catch((error: unknown) => {
      // A start-up failure must not leave a windowless process behind: say why, log it, exit.
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`start-up failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      dialog.showErrorBox('RDP Doctor could not start', `${message}\n\nThe log file is ${getLogPath()}.`);
      app.exit(1);
    });
}

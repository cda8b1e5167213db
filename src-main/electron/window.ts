/** The main window and its lockdown: isolated, sandboxed, no Node, strict CSP, no navigation or pop-ups, remembered bounds. */
import { BrowserWindow, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP } from '../web/server';
import { isAllowedDownload, isAllowedExternal, securePreferences } from './security';
import { WINDOW_LIMITS, captureWindowState, loadWindowState, saveWindowState, type WindowState } from './window-state';

export { isAllowedExternal, securePreferences } from './security';

/** The one permission the page gets: writing plain text to the clipboard ("Copy", "Copy summary"); reading it stays denied. */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** Applies the session-wide rules: CSP header (the page also carries it as a meta tag), every permission but clipboard writing denied, blob: downloads only. */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === ALLOWED_PERMISSION));
  ses.setPermissionCheckHandler((_wc, permission) => permission === ALLOWED_PERMISSION);
  ses.setDevicePermissionHandler(() => false);
  // Reports and fix outputs are saved as blob: downloads (with Electron's save dialog); nothing else downloads.
  ses.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) event.preventDefault();
  });
}

/** Opens `url` in the system browser when it is on the allow-list; anything else is dropped. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternal(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** Reads the remembered bounds for the current displays. */
export function loadMainWindowState(file: string): Promise<WindowState> {
  return loadWindowState(
    file,
    screen.getAllDisplays().map((d) => d.workArea),
  );
}

/** Creates the main window on the built renderer, at the remembered bounds. */
export function createMainWindow(distDir: string, state: WindowState): { window: BrowserWindow; appUrl: string } {
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
    show: false,
    title: 'RDP Doctor',
    webPreferences: {
      ...securePreferences(join(distDir, 'main', 'preload.cjs')),
      // Restated literally so static scanners (Electronegativity) see them at the construction site.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const index = join(distDir, 'renderer', 'index.html');
  const appUrl = pathToFileURL(index).toString();
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => {
    if (state.isMaximized) window.maximize();
    window.show();
  });
  void window.loadURL(appUrl);
  return { window, appUrl };
}

/** Saves the window's bounds shortly after each move/resize and when it closes; returns a final flush. */
export function trackWindowState(window: BrowserWindow, file: string, onError: (message: string) => void): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let last: WindowState | undefined;
  const capture = (): void => {
    if (!window.isDestroyed() && !window.isMinimized() && !window.isFullScreen()) last = captureWindowState(window.getNormalBounds(), window.isMaximized());
  };
  const save = async (): Promise<void> => {
    if (last) await saveWindowState(file, last).catch((error: unknown) => onError(`window state not saved: ${String(error)}`));
  };
  const schedule = (): void => {
    capture();
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 500);
  };
  for (const name of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(name as 'resize', schedule);
  window.on('close', capture);
  return async () => {
    clearTimeout(timer);
    await save();
  };
}

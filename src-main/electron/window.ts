/** The main window and its lockdown: isolated, sandboxed, no Node, strict CSP, no navigation or pop-ups. */
import { BrowserWindow, session, shell, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CSP } from '../web/server';

/** The webPreferences every window gets (a unit test asserts them). */
export function securePreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** Links that may open in the system browser: https on these hosts only. */
export const ALLOWED_EXTERNAL_HOSTS = ['learn.microsoft.com', 'support.microsoft.com', 'github.com'];

/** True for an https link to an allow-listed host. */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && ALLOWED_EXTERNAL_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

/** Applies the session-wide rules: CSP header, every permission request denied. */
export function lockDownSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Creates the main window on the built renderer. */
export function createMainWindow(distDir: string): { window: BrowserWindow; appUrl: string } {
  const window = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'RDP Doctor',
    webPreferences: securePreferences(join(distDir, 'main', 'preload.cjs')),
  });
  const index = join(distDir, 'renderer', 'index.html');
  const appUrl = pathToFileURL(index).toString();
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return { window, appUrl };
}

/** Pure security rules of the Electron shell (no electron values imported, so unit tests run without the binary). */
import type { WebPreferences } from 'electron';

/** The webPreferences every window gets (a unit test asserts them; Electronegativity checks the literal). */
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
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Links that may open in the system browser: https on these hosts only (no subdomains, no ports). */
export const ALLOWED_EXTERNAL_HOSTS: readonly string[] = ['learn.microsoft.com', 'support.microsoft.com', 'github.com'];

/** True for an https link to an allow-listed host, without credentials or an explicit port. */
export function isAllowedExternal(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.username === '' && u.password === '' && u.port === '' && ALLOWED_EXTERNAL_HOSTS.includes(u.hostname);
}

/** True when `url` is the app's own page (`appUrl`), ignoring only the query and fragment. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/** The parts of an IPC event the sender check reads (IpcMainEvent and IpcMainInvokeEvent both fit). */
export interface SenderLike {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null | undefined;
}

/**
 * True when the message comes from our window's main frame showing our own page: a sub-frame, a
 * destroyed frame (senderFrame null) or any other page is refused.
 */
export function isTrustedSender(event: SenderLike, window: { readonly webContents: unknown } | null, appUrl: string): boolean {
  if (!window || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

/** True for a download the app itself makes: a report or fix output saved from a blob: URL of the page. */
export function isAllowedDownload(url: string): boolean {
  return typeof url === 'string' && url.startsWith('blob:');
}

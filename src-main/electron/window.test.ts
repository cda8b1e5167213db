import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCKED_DOWN_PREFERENCES } from './test-lockdown';

// createMainWindow and lockDownSession against a stand-in of the electron module: the options the window is really
// built with and the handlers really installed, not only the pure rules they are made of.
type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    windowOptions: undefined as Record<string, unknown> | undefined,
    webContentsHandlers: new Map<string, Handler>(),
    openHandler: undefined as Handler | undefined,
    sessionHandlers: new Map<string, Handler>(),
    loaded: [] as string[],
    opened: [] as string[],
  };
  class BrowserWindow {
    webContents = {
      on: (name: string, fn: Handler) => state.webContentsHandlers.set(name, fn),
      setWindowOpenHandler: (fn: Handler) => (state.openHandler = fn),
    };
    constructor(options: Record<string, unknown>) {
      state.windowOptions = options;
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      state.loaded.push(url);
      return Promise.resolve();
    }
  }
  const defaultSession = {
    webRequest: { onHeadersReceived: (fn: Handler) => state.sessionHandlers.set('headers', fn) },
    setPermissionRequestHandler: (fn: Handler) => state.sessionHandlers.set('permission-request', fn),
    setPermissionCheckHandler: (fn: Handler) => state.sessionHandlers.set('permission-check', fn),
    setDevicePermissionHandler: (fn: Handler) => state.sessionHandlers.set('device-permission', fn),
    on: (name: string, fn: Handler) => state.sessionHandlers.set(name, fn),
  };
  return { state, BrowserWindow, defaultSession };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.BrowserWindow,
  session: { defaultSession: fake.defaultSession },
  shell: { openExternal: (url: string) => (fake.state.opened.push(url), Promise.resolve()) },
  screen: { getAllDisplays: () => [] },
}));

const { createMainWindow, lockDownSession } = await import('./window');

function prevented(name: string, ...args: unknown[]): boolean {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  const handler = fake.state.webContentsHandlers.get(name) ?? fake.state.sessionHandlers.get(name);
  if (!handler) throw new Error(`no ${name} handler installed`);
  handler(event, ...args);
  return event.defaultPrevented;
}

beforeEach(() => {
  fake.state.webContentsHandlers.clear();
  fake.state.sessionHandlers.clear();
  fake.state.opened.length = 0;
  fake.state.loaded.length = 0;
});

describe('createMainWindow', () => {
  it('builds the window isolated and sandboxed, without Node or webviews, on the bundled preload', () => {
    createMainWindow('/app/dist', { width: 1100, height: 800, isMaximized: false });
    const prefs = fake.state.windowOptions?.['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ preload: '/app/dist/main/preload.cjs', ...LOCKED_DOWN_PREFERENCES });
    expect(String(prefs['disableBlinkFeatures'])).toContain('Auxclick');
    expect(fake.state.loaded).toEqual(['file:///app/dist/renderer/index.html']);
  });

  it('refuses navigation, redirects and webviews, denies window.open and hands only allow-listed links to the browser', () => {
    createMainWindow('/app/dist', { width: 1100, height: 800, isMaximized: false });
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'https://evil.example/')).toBe(true);
    expect(prevented('will-attach-webview', {}, {})).toBe(true);
    expect(fake.state.openHandler?.({ url: 'https://learn.microsoft.com/troubleshoot/' })).toEqual({ action: 'deny' });
    expect(fake.state.openHandler?.({ url: 'http://learn.microsoft.com/' })).toEqual({ action: 'deny' });
    expect(fake.state.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fake.state.opened).toEqual(['https://learn.microsoft.com/troubleshoot/']);
  });
});

describe('lockDownSession', () => {
  it('adds the CSP header, denies every permission but writing to the clipboard and lets only blob: downloads through', () => {
    lockDownSession();
    let headers: unknown;
    fake.state.sessionHandlers.get('headers')?.(
      { responseHeaders: { 'X-Other': ['1'] } },
      (answer: { responseHeaders: Record<string, string[]> }) => (headers = answer.responseHeaders),
    );
    expect(headers).toMatchObject({ 'X-Other': ['1'], 'Content-Security-Policy': [expect.stringContaining("default-src 'none'")] });
    const answers: boolean[] = [];
    fake.state.sessionHandlers.get('permission-request')?.({}, 'media', (allowed: boolean) => answers.push(allowed));
    fake.state.sessionHandlers.get('permission-request')?.({}, 'notifications', (allowed: boolean) => answers.push(allowed));
    expect(answers).toEqual([false, false]);
    expect(fake.state.sessionHandlers.get('permission-check')?.({}, 'clipboard-read')).toBe(false);
    // Copying plain text ("Copy summary") is the one thing the page may do; reading the clipboard stays denied.
    expect(fake.state.sessionHandlers.get('permission-check')?.({}, 'clipboard-sanitized-write')).toBe(true);
    fake.state.sessionHandlers.get('permission-request')?.({}, 'clipboard-sanitized-write', (allowed: boolean) => answers.push(allowed));
    expect(answers).toEqual([false, false, true]);
    expect(fake.state.sessionHandlers.get('device-permission')?.({})).toBe(false);
    expect(prevented('will-download', { getURL: () => 'https://evil.example/payload.exe' })).toBe(true);
    expect(prevented('will-download', { getURL: () => 'blob:file:///3f1c2a80-0000-4000-8000-000000000000' })).toBe(false);
  });
});

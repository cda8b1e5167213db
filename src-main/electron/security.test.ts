import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_EXTERNAL_HOSTS, isAllowedDownload, isAllowedExternal, isAppUrl, isTrustedSender, securePreferences } from './security';
import { LOCKED_DOWN_PREFERENCES } from './test-lockdown';

const appUrl = 'file:///opt/RDP%20Doctor/resources/app.asar/dist/renderer/index.html';

describe('securePreferences', () => {
  it('isolates and sandboxes the page, with Node, webviews and insecure content off', () => {
    const prefs = securePreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({ preload: '/x/preload.cjs', ...LOCKED_DOWN_PREFERENCES });
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
  });
});

describe('isAllowedExternal', () => {
  it('lets https links to the allow-listed hosts through', () => {
    for (const host of ALLOWED_EXTERNAL_HOSTS) expect(isAllowedExternal(`https://${host}/some/page?q=1#x`)).toBe(true);
  });
  it.each([
    'http://learn.microsoft.com/',
    'https://evil.example/',
    'https://learn.microsoft.com.evil.example/',
    'https://evil.learn.microsoft.com/',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:remotedesktop',
    'not a url',
    '',
    `https://github.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const webContents = { id: 1 };
  const window = { webContents };
  const mainFrame = (url: string) => ({ url, parent: null });

  it('accepts our window main frame on our page, with a query or fragment', () => {
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame(appUrl) }, window, appUrl)).toBe(true);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame(`${appUrl}#/report`) }, window, appUrl)).toBe(true);
  });
  it('refuses another webContents, no window, a sub-frame, a destroyed frame and other pages', () => {
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: mainFrame(appUrl) }, window, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame(appUrl) }, null, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: { url: appUrl, parent: {} } }, window, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: null }, window, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame('https://github.com/') }, window, appUrl)).toBe(false);
    // A prefix match is not enough: a sibling file beside index.html is another page.
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame(`${appUrl}.evil.html`) }, window, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame('file:///tmp/index.html') }, window, appUrl)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('compares scheme, host and path only', () => {
    expect(isAppUrl(`${appUrl}?a=1`, appUrl)).toBe(true);
    expect(isAppUrl('garbage', appUrl)).toBe(false);
  });
});

describe('renderer page', () => {
  it('carries a strict CSP meta tag (file:// responses get no header)', () => {
    const html = readFileSync(join(__dirname, '../../src-renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});

describe('isAllowedDownload', () => {
  it('lets the page save its own blob: reports and nothing fetched from elsewhere', () => {
    expect(isAllowedDownload('blob:null/4f1c2a9e-0000-4000-8000-000000000000')).toBe(true);
    expect(isAllowedDownload('blob:file:///4f1c2a9e')).toBe(true);
    expect(isAllowedDownload('https://evil.example/payload.exe')).toBe(false);
    expect(isAllowedDownload('file:///etc/shadow')).toBe(false);
    expect(isAllowedDownload('data:application/octet-stream;base64,AA==')).toBe(false);
  });
});

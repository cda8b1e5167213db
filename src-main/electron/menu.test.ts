import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutText, buildMenuTemplate, PROJECT_LINKS } from './menu';
import { isAllowedExternal } from './security';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  const calls: string[] = [];
  const actions = {
    openRdpFile: () => calls.push('open'),
    showAbout: () => calls.push('about'),
    openLogFolder: () => calls.push('logs'),
    exportScripts: () => calls.push('scripts'),
    openLink: (url: string) => calls.push(url),
  };

  it('has Help → About, Open Log Folder and Show the Scripts This App Runs wired to their actions on Windows/Linux', () => {
    calls.length = 0;
    const template = buildMenuTemplate({ appName: 'RDP Doctor', isMac: false, isPackaged: true }, actions);
    const help = template.find((i) => i.role === 'help');
    const helpItems = help?.submenu as MenuItemConstructorOptions[];
    click(helpItems.find((i) => i.label === 'About RDP Doctor'));
    click(helpItems.find((i) => i.label === 'Open Log Folder'));
    click(helpItems.find((i) => i.label === 'Show the Scripts This App Runs…'));
    click(flatten(template).find((i) => i.label === 'Open .rdp File…'));
    expect(calls).toEqual(['about', 'logs', 'scripts', 'open']);
  });
  it('puts About in the app menu on macOS and leaves developer tools out of packaged builds', () => {
    const mac = flatten(buildMenuTemplate({ appName: 'RDP Doctor', isMac: true, isPackaged: true }, actions));
    expect(mac.filter((i) => i.label === 'About RDP Doctor')).toHaveLength(1);
    expect(mac.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    const dev = flatten(buildMenuTemplate({ appName: 'RDP Doctor', isMac: false, isPackaged: false }, actions));
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
  it('only links to pages the external-link allow-list lets through', () => {
    calls.length = 0;
    for (const item of flatten(buildMenuTemplate({ appName: 'RDP Doctor', isMac: false, isPackaged: true }, actions))) {
      const local = ['Open Log Folder', 'Show the Scripts This App Runs…'];
      if (item.label && !local.includes(item.label) && !item.label.startsWith('About') && !item.label.startsWith('Open .rdp')) click(item);
    }
    expect(calls.length).toBeGreaterThan(0);
    for (const url of calls) expect(isAllowedExternal(url)).toBe(true);
    for (const url of Object.values(PROJECT_LINKS)) expect(isAllowedExternal(url)).toBe(true);
  });
});

describe('aboutText', () => {
  it('shows the version, runtime versions, project link and log file', () => {
    const text = aboutText({
      appName: 'RDP Doctor',
      version: '0.1.0',
      versions: { electron: '40.10.2', chrome: '140', node: '22' },
      logPath: '/home/a/.config/RDP Doctor/logs/main.log',
    });
    expect(text.message).toBe('RDP Doctor 0.1.0');
    expect(text.detail).toContain('Electron 40.10.2, Chrome 140, Node 22');
    expect(text.detail).toContain(PROJECT_LINKS.home);
    expect(text.detail).toContain('main.log');
  });
});

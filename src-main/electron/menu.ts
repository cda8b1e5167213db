/** The application menu as a pure template (tested without Electron), plus the About dialog text. */
import type { MenuItemConstructorOptions } from 'electron';

/** The project's public pages shown in About (all on the external-link allow-list). */
export const PROJECT_LINKS = {
  home: 'https://github.com/rdp-doctor/rdp-doctor',
  issues: 'https://github.com/rdp-doctor/rdp-doctor/issues',
  rdpErrors: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/troubleshoot-remote-desktop-connections',
} as const;

/** What the menu items do; main.ts supplies the Electron side. */
export interface MenuActions {
  readonly openRdpFile: () => void;
  readonly showAbout: () => void;
  readonly openLogFolder: () => void;
  /** Saves every PowerShell script the app can run into a folder the user picks, then shows it. */
  readonly exportScripts: () => void;
  readonly openLink: (url: string) => void;
}

/** Facts the template depends on. */
export interface MenuEnvironment {
  readonly appName: string;
  readonly isMac: boolean;
  readonly isPackaged: boolean;
}

/** Pure: the menu template: File (open .rdp), Edit (clipboard roles text fields need), View, Window, Help. */
export function buildMenuTemplate(env: MenuEnvironment, actions: MenuActions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${env.appName}`, click: () => actions.showAbout() };
  const openRdp: MenuItemConstructorOptions = { label: 'Open .rdp File…', accelerator: 'CmdOrCtrl+O', click: () => actions.openRdpFile() };
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  // Developer tools and reload only in development builds: a packaged app has no use for them.
  if (!env.isPackaged) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  const template: MenuItemConstructorOptions[] = [];
  if (env.isMac) {
    template.push({
      label: env.appName,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { label: 'File', submenu: [openRdp, { type: 'separator' }, env.isMac ? { role: 'close' } : { role: 'quit', label: 'Exit' }] },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Remote Desktop Errors (Microsoft Learn)', click: () => actions.openLink(PROJECT_LINKS.rdpErrors) },
        { label: 'Report a Problem', click: () => actions.openLink(PROJECT_LINKS.issues) },
        { type: 'separator' },
        { label: 'Open Log Folder', click: () => actions.openLogFolder() },
        { label: 'Show the Scripts This App Runs…', click: () => actions.exportScripts() },
        ...(env.isMac ? [] : [{ type: 'separator' } as const, about]),
      ],
    },
  );
  return template;
}

/** Facts shown in the About dialog. */
export interface AboutFacts {
  readonly appName: string;
  readonly version: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly logPath: string;
}

/** Pure: the About dialog's message and detail text. */
export function aboutText(facts: AboutFacts): { message: string; detail: string } {
  const runtime = ['electron', 'chrome', 'node'].map((k) => `${k[0]?.toUpperCase()}${k.slice(1)} ${facts.versions[k] ?? '?'}`).join(', ');
  return {
    message: `${facts.appName} ${facts.version}`,
    detail: ['Finds out why Windows Remote Desktop refuses to connect, and fixes it.', '', runtime, `Project: ${PROJECT_LINKS.home}`, `Log file: ${facts.logPath}`].join('\n'),
  };
}

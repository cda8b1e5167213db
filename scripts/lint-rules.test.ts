import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture rules of STYLE.md, as eslint.config.js enforces them: each case must be reported where it is banned and pass where it is allowed.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The messages ESLint reports for `code` as if it were the file at `filePath`. */
async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('architecture lint rules', () => {
  it.each([
    ["import { ipcMain } from 'electron';", 'src-main/electron/window.ts'],
    ["import { ipcMain } from 'electron/main';", 'src-main/service/app-service.ts'],
    ["import { ipcRenderer } from 'electron/renderer';", 'src-main/electron/menu.ts'],
  ])('bans raw IPC %s outside the adapter and preload', async (line, file) => {
    expect((await messages(`${line}\nexport const x = 1;`, file)).join('\n')).toMatch(/IPC adapter/);
  });

  it('allows raw IPC in the adapter', async () => {
    expect(await messages("import { ipcMain } from 'electron';\nexport const x = ipcMain;", 'src-main/electron/ipc.ts')).toEqual([]);
  });

  it.each(["import { gzipSync } from 'zlib';", "import { readFile } from 'node:fs/promises';", "import { readFile } from 'fs/promises';", "import { app } from 'electron/main';", "import { Worker } from 'worker_threads';"])(
    'keeps Node and Electron out of shared/: %s',
    async (line) => {
      expect((await messages(`${line}\nexport const x = 1;`, 'src-main/shared/example.ts')).join('\n')).toMatch(/must not import Node or Electron/);
    },
  );

  it.each(['fetch', 'EventSource', 'WebSocket'])('lets only the bridge use %s in the renderer', async (name) => {
    const code = `export const x = (): unknown => ${name};`;
    expect((await messages(code, 'src-renderer/features/example.ts')).join('\n')).toMatch(/bridge/);
    expect(await messages(code, 'src-renderer/bridge/example.ts')).toEqual([]);
  });
});

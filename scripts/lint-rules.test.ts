import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture rules of STYLE.md, as eslint.config.js enforces them: each case must be reported where it is banned and pass where it is allowed.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The messages ESLint reports for `code` as if it were the file at `filePath`. */
async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

/** Only the layer rule's messages for `code` as the file at `filePath`. */
async function layerMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/no-upward-imports').map((m) => m.message);
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

  it.each([
    "import { gzipSync } from 'zlib';",
    "import { readFile } from 'node:fs/promises';",
    "import { readFile } from 'fs/promises';",
    "import { app } from 'electron/main';",
    "import { Worker } from 'worker_threads';",
  ])('keeps Node and Electron out of shared/: %s', async (line) => {
    expect((await messages(`${line}\nexport const x = 1;`, 'src-main/shared/example.ts')).join('\n')).toMatch(/must not import Node or Electron/);
  });

  it.each(['fetch', 'EventSource', 'WebSocket'])('lets only the bridge use %s in the renderer', async (name) => {
    const code = `export const x = (): unknown => ${name};`;
    expect((await messages(code, 'src-renderer/features/example.ts')).join('\n')).toMatch(/bridge/);
    expect(await messages(code, 'src-renderer/bridge/example.ts')).toEqual([]);
  });
  it.each([
    ["import { BadInputError } from '../service/errors';", 'src-main/net/target.ts'],
    ["import { dispatch } from '../service/dispatch';", 'src-main/rdpfile/example.ts'],
    ["import type { CheckContext } from '../checks/types';", 'src-main/rdpfile/example.ts'],
    ["import { decode } from '../../diagnosis/decode';", 'src-main/windows/client/example.ts'],
    ["import { runChecks } from '../service/check-engine';", 'src-main/checks/example.ts'],
    ["export { runChecks } from '../service/check-engine';", 'src-main/diagnosis/example.ts'],
    ["export const load = (): Promise<unknown> => import('../service/app-service');", 'src-main/fixes/example.ts'],
    ["import { renderHtml } from '../report/html';", 'src-main/windows/example.ts'],
    ["import { dispatch } from '../../service/dispatch';", 'src-main/windows/server/example.ts'],
    ["import { startWebServer } from '../web/server';", 'src-main/service/example.ts'],
    ["import { PROTOCOL } from '../net/x224';", 'src-main/shared/example.ts'],
    ["import { parseTarget } from '../../src-main/net/target';", 'src-renderer/state/example.ts'],
  ])('keeps imports pointing down the layer picture: %s in %s', async (line, file) => {
    expect((await layerMessages(line, file)).join('\n')).toMatch(/must not import|may import only/);
  });

  it('asks a new top-level folder of src-main/ for its place in the picture', async () => {
    expect((await layerMessages("import { VERSION } from '../shared/version';", 'src-main/newfolder/example.ts')).join('\n')).toMatch(/no place in the layer picture/);
  });

  it.each([
    ["import { BadInputError } from '../shared/errors';", 'src-main/net/target.ts'],
    ["import { parseTarget } from '../net/target';", 'src-main/rdpfile/example.ts'],
    ["import type { CheckContext } from '../checks/types';", 'src-main/fixes/example.ts'],
    ["import { runChecks } from './check-engine';", 'src-main/service/example.ts'],
    ["import { startWebServer } from '../../web/server';", 'src-main/cli/commands/example.ts'],
    ["import type { ParsedTarget } from '../../src-main/shared/target';", 'src-renderer/state/example.ts'],
    ["import { runChecks } from '../service/check-engine';", 'src-main/checks/example.test.ts'],
  ])('lets imports point down or stay in their band: %s in %s', async (line, file) => {
    expect(await layerMessages(line, file)).toEqual([]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../service/app-service';
import { createNodeAppService } from '../service/node-deps';
import { CHANNEL_NAMES, OPEN_RDP_CHANNEL, READY_CHANNEL } from '../shared/channel-names';
import { createIpcAdapter, type IpcMainLike } from './ipc-adapter';
import type { SenderLike } from './security';

// The adapter over the real service and the real dispatch; only Electron's ipcMain registry and the window are
// stand-ins (the Electron binary is not installed here). The e2e spec covers the real ipcMain.
function createRegistry() {
  const handlers = new Map<string, (event: SenderLike, args: unknown) => unknown>();
  const listeners = new Map<string, Set<(event: SenderLike) => void>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  return { ipcMain, handlers, listeners };
}

const appUrl = 'file:///app/dist/renderer/index.html';

describe('createIpcAdapter', () => {
  let dir: string;
  let service: AppService;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-ipc-'));
    service = createNodeAppService({ door: 'electron', dataDir: dir });
  });
  afterAll(async () => {
    service.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  const sent: { channel: string; payload: unknown }[] = [];
  const webContents = { send: (channel: string, payload: unknown) => sent.push({ channel, payload }), isDestroyed: () => false };
  const window = { webContents, isDestroyed: () => false };
  const trusted: SenderLike = { sender: webContents, senderFrame: { url: appUrl, parent: null } };
  const subFrame: SenderLike = { sender: webContents, senderFrame: { url: appUrl, parent: {} } };

  it('answers every request channel for our page and refuses anyone else, with the envelope', async () => {
    const { ipcMain, handlers } = createRegistry();
    const refusals: string[] = [];
    const adapter = createIpcAdapter({ ipcMain, service, getWindow: () => window, appUrl, logRefusal: (m) => refusals.push(m) });
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const list = (await handlers.get('checks:list')?.(trusted, {})) as { ok: boolean; value: unknown[] };
    expect(list.ok).toBe(true);
    expect(list.value).toHaveLength(27);
    expect(await handlers.get('checks:list')?.(subFrame, {})).toEqual({ ok: false, error: { code: 'bad-input', message: 'Refused: unknown sender.' } });
    expect(refusals).toHaveLength(1);
    const bad = (await handlers.get('decode:code')?.(trusted, { text: 42 })) as { ok: boolean; error: { code: string; message: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(bad.error.message).toMatch(/decode:code \(text\)/);
    adapter.dispose();
    expect(handlers.size).toBe(0);
  });

  it('holds an opened .rdp file until our page says ready, ignoring a ready from elsewhere', () => {
    const { ipcMain, listeners } = createRegistry();
    sent.length = 0;
    const adapter = createIpcAdapter({ ipcMain, service, getWindow: () => window, appUrl });
    const ready = (event: SenderLike) => [...(listeners.get(READY_CHANNEL) ?? [])].forEach((l) => l(event));
    const file = { name: 'a.rdp', contentBase64: 'AA==' };
    adapter.sendOpenRdp(file);
    ready({ sender: {}, senderFrame: { url: appUrl, parent: null } });
    expect(sent).toEqual([]);
    ready(trusted);
    expect(sent).toEqual([{ channel: OPEN_RDP_CHANNEL, payload: file }]);
    adapter.resetReady();
    adapter.sendOpenRdp(file);
    expect(sent).toHaveLength(1);
    adapter.dispose();
    expect(listeners.get(READY_CHANNEL)?.size).toBe(0);
  });
});

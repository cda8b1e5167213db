import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, OPEN_RDP_CHANNEL, READY_CHANNEL } from '../shared/channel-names';
import type { Api } from './preload';

// The preload bundled exactly as scripts/build.mjs does, run in a fresh context with only `require('electron')`
// available (what a sandboxed preload gets). contextBridge and ipcRenderer are recording stand-ins; the real
// bridge is covered by e2e/electron.spec.ts where the Electron binary exists.
let code = '';
beforeAll(async () => {
  const out = await build({
    entryPoints: [join(__dirname, 'preload.ts')],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0]?.text ?? '';
});

type Listener = (...args: unknown[]) => void;

function loadPreload() {
  const exposed: Record<string, unknown> = {};
  const ipcListeners = new Map<string, Listener[]>();
  const sent: string[] = [];
  const invoked: string[] = [];
  const domListeners = new Map<string, Listener>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: (channel: string) => (invoked.push(channel), Promise.resolve({ ok: true, value: null })),
      send: (channel: string) => sent.push(channel),
      on: (channel: string, l: Listener) => ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), l]),
      removeListener: (channel: string, l: Listener) =>
        ipcListeners.set(
          channel,
          (ipcListeners.get(channel) ?? []).filter((x) => x !== l),
        ),
    },
  };
  const module = { exports: {} };
  const context = {
    module,
    exports: module.exports,
    require: (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
    addEventListener: (type: string, l: Listener) => domListeners.set(type, l),
    btoa,
    Uint8Array,
    Promise,
  };
  runInNewContext(code, context);
  const push = (channel: string, payload: unknown) => (ipcListeners.get(channel) ?? []).forEach((l) => l({}, payload));
  return { exposed, sent, invoked, domListeners, push };
}

describe('preload', () => {
  it('exposes exactly one key, api, with invoke, onProgress, onOpenRdpFile and ready', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed['api'] as object).sort()).toEqual(['invoke', 'onOpenRdpFile', 'onProgress', 'ready']);
  });

  it('invokes only contract channels and says ready on the ready channel', async () => {
    const { exposed, invoked, sent } = loadPreload();
    const api = exposed['api'] as Api;
    expect(await api.invoke('not:a-channel' as (typeof CHANNEL_NAMES)[number], {} as never)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    await api.invoke('checks:list', {});
    api.ready();
    expect(invoked).toEqual(['checks:list']);
    expect(sent).toEqual([READY_CHANNEL]);
  });

  it('delivers .rdp files pushed by main and dropped on the window, until unsubscribed', async () => {
    const { exposed, push, domListeners } = loadPreload();
    const got: unknown[] = [];
    const off = (exposed['api'] as Api).onOpenRdpFile((file) => got.push(file));
    push(OPEN_RDP_CHANNEL, { name: 'a.rdp', contentBase64: 'AA==' });
    push(OPEN_RDP_CHANNEL, { name: 42 });
    let prevented = false;
    const drop = (name: string, bytes: number[], defaultPrevented = false) => ({
      defaultPrevented,
      preventDefault: () => (prevented = true),
      dataTransfer: { types: ['Files'], files: [{ name, size: bytes.length, arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer) }] },
    });
    domListeners.get('drop')?.(drop('b.RDP', [1, 2, 3]));
    domListeners.get('drop')?.(drop('c.rdp', [9], true));
    domListeners.get('drop')?.(drop('notes.txt', [1]));
    await new Promise((r) => setTimeout(r, 10));
    expect(prevented).toBe(true);
    expect(got).toEqual([
      { name: 'a.rdp', contentBase64: 'AA==' },
      { name: 'b.RDP', contentBase64: 'AQID' },
    ]);
    off();
    push(OPEN_RDP_CHANNEL, { name: 'late.rdp', contentBase64: '' });
    expect(got).toHaveLength(2);
  });
});

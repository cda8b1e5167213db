import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/service/dispatch';
import { createNodeAppService } from '../../src-main/service/node-deps';
import type { Channel, ChannelReply } from '../../src-main/shared/channels';
import type { Envelope, RdpFileInput } from '../../src-main/shared/dto';
import { bytesToBase64, setTransport, subscribeOpenedFiles } from '../bridge';
import type { Transport } from '../bridge/types';
import { resetRun, useRunStore } from './run-store';
import { openOutsideRdpFile, openRdpFile, setTarget, useStartStore } from './start-store';

// The store talks to the real service through dispatch, exactly as the IPC door does; only the pushes of files opened
// from outside (which come from the preload) are driven by the test.
const dataDir = mkdtempSync(join(tmpdir(), 'rdp-doctor-start-store-'));
const service = createNodeAppService({ door: 'electron', dataDir, env: {} });
const openListeners = new Set<(file: RdpFileInput) => void>();
const calls: { channel: Channel; args: unknown }[] = [];
const serviceTransport: Transport = {
  door: 'electron',
  invoke: <C extends Channel>(channel: C, args: unknown) => {
    calls.push({ channel, args });
    return dispatch(service.handlers, channel, args) as Promise<Envelope<ChannelReply<C>>>;
  },
  onProgress: () => () => {},
  onOpenRdpFile: (listener) => {
    openListeners.add(listener);
    return () => openListeners.delete(listener);
  },
  ready: () => {},
};
setTransport(serviceTransport);

afterAll(() => {
  setTransport(null);
  service.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

const rdp = (text: string): RdpFileInput => ({ name: 'office.rdp', contentBase64: bytesToBase64(new TextEncoder().encode(text)) });

beforeEach(() => {
  useStartStore.setState({ target: '', rdpFile: null, rdpSummary: null, rdpError: null, isReadingFile: false });
  resetRun();
  calls.length = 0;
});

describe('start store and .rdp files', () => {
  it('a file opened from outside replaces the typed computer with the file’s own', async () => {
    setTarget('typed-host');
    const stop = subscribeOpenedFiles((file) => void openOutsideRdpFile(file));
    for (const listener of openListeners) listener(rdp('full address:s:pc-42.corp.example:3390\r\nenablecredsspsupport:i:0\r\n'));
    await expect.poll(() => useStartStore.getState().rdpSummary?.target).toBe('pc-42.corp.example:3390');
    expect(useStartStore.getState().target).toBe('pc-42.corp.example:3390');
    expect(useStartStore.getState().rdpFile?.name).toBe('office.rdp');
    expect(useStartStore.getState().isReadingFile).toBe(false);
    stop();
    expect(openListeners.size).toBe(0);
  });

  it('a file opened from outside starts the diagnosis of its computer, with the file', async () => {
    setTarget('typed-host');
    await openOutsideRdpFile(rdp('full address:s:127.0.0.1:1\r\n'));
    const start = calls.find((c) => c.channel === 'diagnosis:start');
    expect(start?.args).toMatchObject({ target: '127.0.0.1:1', rdpFile: { name: 'office.rdp' } });
    expect(useRunStore.getState().target).toBe('127.0.0.1:1');
    expect(['starting', 'running', 'finished']).toContain(useRunStore.getState().phase);
    expect(useRunStore.getState().taskId).not.toBeNull();
  });

  it('a file picked on the page keeps what the user already typed', async () => {
    setTarget('typed-host');
    await openRdpFile(new File(['full address:s:pc-42.corp.example\r\n'], 'picked.rdp'));
    expect(useStartStore.getState().rdpSummary?.target).toBe('pc-42.corp.example');
    expect(useStartStore.getState().target).toBe('typed-host');
  });

  it('a file that is not a connection file is shown with the parser’s reason and no computer', async () => {
    setTarget('typed-host');
    await openOutsideRdpFile({ name: 'photo.rdp', contentBase64: bytesToBase64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 1, 2, 3])) });
    const state = useStartStore.getState();
    expect(state.rdpSummary?.target).toBeNull();
    expect(state.rdpSummary?.issues.some((issue) => issue.severity === 'error' && !issue.message.includes('\n'))).toBe(true);
    expect(state.target).toBe('typed-host');
    expect(state.isReadingFile).toBe(false);
    // Nothing to diagnose: the file names no computer, so nothing starts.
    expect(calls.some((c) => c.channel === 'diagnosis:start')).toBe(false);
    expect(useRunStore.getState().phase).toBe('idle');
  });

  it('a service that cannot be reached leaves a one-line reason and no file', async () => {
    setTransport({
      door: 'electron',
      invoke: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'The app cannot be reached.' } }),
      onProgress: () => () => {},
      onOpenRdpFile: () => () => {},
      ready: () => {},
    });
    try {
      await openOutsideRdpFile(rdp('full address:s:x\r\n'));
    } finally {
      setTransport(serviceTransport);
    }
    expect(useStartStore.getState()).toMatchObject({ rdpFile: null, rdpError: 'The app cannot be reached.', isReadingFile: false });
  });

  it('refuses an oversized pick before reading it', async () => {
    await openRdpFile(new File([new Uint8Array(1_500_000)], 'huge.rdp'));
    expect(useStartStore.getState().rdpError).toMatch(/too large/);
    expect(calls).toEqual([]);
  });
});

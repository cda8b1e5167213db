// Replies and pushes reach components only through the bridge, which shows server- and file-controlled text escaped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/service/dispatch';
import { createNodeAppService } from '../../src-main/service/node-deps';
import type { Channel, ChannelReply } from '../../src-main/shared/channels';
import type { Envelope, ProgressEvent, RdpFileInput } from '../../src-main/shared/dto';
import { call, messageOf, setTransport, subscribeOpenedFiles, subscribeProgress } from './index';
import type { Transport } from './types';

const dataDir = mkdtempSync(join(tmpdir(), 'rdp-doctor-bridge-display-'));
const service = createNodeAppService({ door: 'electron', dataDir, env: {} });
const progress = new Set<(event: ProgressEvent) => void>();
const opened = new Set<(file: RdpFileInput) => void>();
const transport: Transport = {
  door: 'electron',
  invoke: <C extends Channel>(channel: C, args: unknown) => dispatch(service.handlers, channel, args) as Promise<Envelope<ChannelReply<C>>>,
  onProgress: (listener) => (progress.add(listener), () => progress.delete(listener)),
  onOpenRdpFile: (listener) => (opened.add(listener), () => opened.delete(listener)),
  ready: () => {},
};
setTransport(transport);

afterAll(() => {
  setTransport(null);
  service.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

const RAW = /[\u202E\u200B]/;

describe('the bridge shows hidden characters escaped', () => {
  it('in replies: a .rdp file naming a computer with U+202E', async () => {
    const text = '\uFEFFfull address:s:pay\u202Egnp.exe\r\nusername:s:ad\u200Bmin\r\n';
    const summary = await call('rdpfile:inspect', { name: 'a.rdp', contentBase64: Buffer.from(text, 'utf16le').toString('base64') });
    expect(JSON.stringify(summary)).not.toMatch(RAW);
    expect(summary.target).toBe('pay[U+202E]gnp.exe');
  });

  it('in progress pushes and in files opened from outside', () => {
    const seen: string[] = [];
    const off = subscribeProgress((e) => seen.push(e.type === 'check-finished' ? e.result.summary : ''));
    const offFiles = subscribeOpenedFiles((f) => seen.push(f.name));
    const result = {
      id: 'tls.certificate',
      section: 'certificates',
      status: 'warn',
      title: 'Server certificate',
      summary: 'Issued to x\u202Ey',
      durationMs: 1,
      evidence: {},
    } as const;
    for (const l of progress) l({ type: 'check-finished', taskId: 't', result });
    for (const l of opened) l({ name: 'invoice\u202Etxt.rdp', contentBase64: '' });
    off();
    offFiles();
    expect(seen).toEqual(['Issued to x[U+202E]y', 'invoice[U+202E]txt.rdp']);
  });

  it('in error messages', async () => {
    const error: unknown = await call('diagnosis:start', { target: 'a\u202Eb' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('[U+202E]');
    expect(messageOf(new Error('bad \u202E name'))).toBe('bad [U+202E] name');
  });
});

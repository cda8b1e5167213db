import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReplaySource } from './replay-source';
import { createWindowsSource, REPLAY_ENV } from './index';
import { BadInputError } from '../shared/errors';

const root = mkdtempSync(join(tmpdir(), 'rdpd-replay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function machine(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const signal = new AbortController().signal;
const MACHINE = JSON.stringify({ role: 'client', computerName: 'PC1', os: 'Windows 11', language: 'en-US', description: 't' });

describe('createReplaySource', () => {
  const dir = machine('m1', {
    'machine.json': MACHINE,
    'client-policy.out': '\uFEFF{"fClientDisableUDP":null}',
    'client-vpn.err': JSON.stringify({ kind: 'access-denied', message: 'Access is denied.' }),
    'client-cache.err': 'missing-cmdlet: Get-Foo is not recognized',
    'after/client.disable-udp/client-policy.out': '{"fClientDisableUDP":1}',
    'after/cache.clear/client-cache.out': '{"fileCount":0}',
  });

  it('reads machine.json and answers with the recorded stdout', async () => {
    const src = createReplaySource(dir);
    expect(src.origin).toBe('replay');
    expect(src.machineRole).toBe('client');
    expect(src.machine.computerName).toBe('PC1');
    expect(await src.collect('client-policy', {}, signal)).toBe('{"fClientDisableUDP":null}');
  });

  it('a missing recording is not-recorded with a clear message', async () => {
    const src = createReplaySource(dir);
    await expect(src.collect('client-events', {}, signal)).rejects.toMatchObject({ kind: 'not-recorded', message: expect.stringContaining('client-events') });
  });

  it('replays recorded failures with their kind', async () => {
    const src = createReplaySource(dir);
    await expect(src.collect('client-vpn', {}, signal)).rejects.toMatchObject({ kind: 'access-denied' });
    await expect(src.collect('client-cache', {}, signal)).rejects.toMatchObject({ kind: 'missing-cmdlet' });
  });

  it('prefers the after/<fix> overlay once the fix is applied, and drops it on undo', async () => {
    const src = createReplaySource(dir);
    src.setFixApplied('client.disable-udp', true);
    expect(await src.collect('client-policy', {}, signal)).toBe('{"fClientDisableUDP":1}');
    src.setFixApplied('cache.clear', true);
    expect(await src.collect('client-cache', {}, signal)).toBe('{"fileCount":0}');
    expect(await src.collect('client-policy', {}, signal)).toBe('{"fClientDisableUDP":1}');
    src.setFixApplied('client.disable-udp', false);
    expect(await src.collect('client-policy', {}, signal)).toBe('{"fClientDisableUDP":null}');
  });

  it('rejects names that could leave the folder', async () => {
    const src = createReplaySource(dir);
    await expect(src.collect('../machine', {}, signal)).rejects.toMatchObject({ kind: 'not-recorded' });
    await expect(src.collect('a/b', {}, signal)).rejects.toMatchObject({ kind: 'not-recorded' });
    expect(() => src.setFixApplied('../x', true)).toThrow();
  });

  it('honours an aborted signal', async () => {
    const c = new AbortController();
    c.abort();
    await expect(createReplaySource(dir).collect('client-policy', {}, c.signal)).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('refuses a folder without machine.json or with a bad role', () => {
    expect(() => createReplaySource(join(root, 'nope'))).toThrow(/does not exist/);
    const empty = machine('m2', { 'x.out': '{}' });
    expect(() => createReplaySource(empty)).toThrow(/machine\.json/);
    const bad = machine('m3', { 'machine.json': '{"role":"server"}' });
    expect(() => createReplaySource(bad)).toThrow(/role/);
  });
});

describe('createWindowsSource', () => {
  it('chooses replay, PowerShell or nothing', () => {
    const dir = machine('m4', { 'machine.json': MACHINE });
    expect(createWindowsSource({ env: { [REPLAY_ENV]: dir }, platform: 'linux' })?.origin).toBe('replay');
    expect(createWindowsSource({ env: {}, platform: 'win32' })?.origin).toBe('powershell');
    expect(createWindowsSource({ env: {}, platform: 'linux' })).toBeNull();
  });

  it('turns an unusable replay folder into one clear bad-input line', () => {
    expect(() => createWindowsSource({ env: { [REPLAY_ENV]: join(root, 'missing') }, platform: 'linux' })).toThrow(BadInputError);
  });
});

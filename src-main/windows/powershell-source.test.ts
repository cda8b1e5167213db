import { describe, expect, it } from 'vitest';
import { createPowerShellSource } from './powershell-source';
import { COLLECTOR_SCRIPTS, mergeCollectorTables } from './scripts';
import { CLIENT_SCRIPTS } from './client/scripts';
import { isCollectorName } from './collector';

const signal = new AbortController().signal;

describe('createPowerShellSource', () => {
  it('rejects an unknown collector (and prototype keys) before spawning anything', async () => {
    const src = createPowerShellSource();
    await expect(src.collect('client-nope', {}, signal)).rejects.toMatchObject({ kind: 'failed', message: expect.stringContaining('Unknown collector') });
    await expect(src.collect('constructor', {}, signal)).rejects.toMatchObject({ kind: 'failed' });
  });

  it('reports clearly when PowerShell cannot be started (no Windows here)', async () => {
    if (process.platform === 'win32') return;
    const src = createPowerShellSource({ timeoutMs: 5000 });
    await expect(src.collect('client-policy', {}, signal)).rejects.toMatchObject({ kind: 'failed', message: expect.stringContaining('could not start PowerShell') });
  });
});

describe('the collector table', () => {
  it('holds every client collector under a replay-safe name, merged with the server table', () => {
    for (const name of Object.keys(CLIENT_SCRIPTS)) {
      expect(isCollectorName(name), name).toBe(true);
      expect(COLLECTOR_SCRIPTS[name]).toBe(CLIENT_SCRIPTS[name as keyof typeof CLIENT_SCRIPTS]);
    }
    for (const name of Object.keys(COLLECTOR_SCRIPTS)) expect(isCollectorName(name), name).toBe(true);
  });

  it('refuses a name defined twice', () => {
    expect(() => mergeCollectorTables(CLIENT_SCRIPTS, { 'client-policy': { script: 'x', output: 'text' } })).toThrow(/twice/);
  });
});

// The journal is a file anyone with the user's rights can write. Planted entries — the two attacks on the older format
// (write attacker bytes to a chosen path, delete a file), a script undo, and entries aimed past a fix's own limits —
// run nothing and change nothing on disk, whether recovery finds them or someone asks to undo them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../net/target';
import { FIXES } from './registry';
import { createFixService } from './service';
import { plantJournal, snapshotTree } from './test-planted-journal';
import type { FixExecutor, UndoAction } from './types';

/** An executor that records what it is asked to run and runs nothing. */
function recordingExecutor(mode: FixExecutor['mode']): FixExecutor & { runs: string[] } {
  const runs: string[] = [];
  return { mode, runs, runScript: async (action) => (runs.push(action.name), { declined: false, output: '{}' }), collect: async () => '', markApplied: () => undefined };
}

function planted() {
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-planted-'));
  const outside = mkdtempSync(join(tmpdir(), 'rdp-doctor-outside-'));
  const p = plantJournal(home, outside);
  const before = { home: snapshotTree(home), outside: snapshotTree(outside) };
  const unchanged = () => {
    expect(snapshotTree(outside)).toEqual(before.outside);
    expect(snapshotTree(home)).toEqual(before.home);
  };
  return { p, unchanged };
}

describe.each([
  ['no Windows here', null],
  ['a recorded machine', 'replay'],
  ['live Windows', 'live'],
] as const)('planted journal entries, with %s', (_where, mode) => {
  it('recovery at start uses none of them, reports each, runs nothing and changes nothing on disk', async () => {
    const { p, unchanged } = planted();
    const executor = mode ? recordingExecutor(mode) : null;
    const service = createFixService({
      windows: null,
      executor,
      journalDir: p.journalDir,
      outputDir: p.outputDir,
      isLocalHost: () => true,
      runChecks: async () => [],
      lookupTask: () => undefined,
    });
    const r = await service.recover();
    expect(executor?.runs ?? []).toEqual([]);
    expect(r.recovered.filter((e) => e.undone)).toEqual([]);
    // The older format and what does not fit a fix are rejected by name; the rest are refused when their undo is checked.
    const rejected = r.rejected.map((e) => e.reason).join('\n');
    expect(rejected).toMatch(/not written by this version of RDP Doctor/);
    expect(rejected).toMatch(/does not fit rdpfile\.generate-clean \(The output file must be a bare file name/);
    expect(rejected).toMatch(/is not a regular file/);
    expect(r.rejected.length + r.recovered.length).toBe(p.planted.length);
    unchanged();
  });

  it('undo of each, as if the user chose it, is refused before anything runs', async () => {
    const { p, unchanged } = planted();
    const executor = mode ? recordingExecutor(mode) : null;
    const service = createFixService({
      windows: null,
      executor,
      journalDir: p.journalDir,
      outputDir: p.outputDir,
      isLocalHost: () => true,
      runChecks: async () => [],
      lookupTask: () => undefined,
    });
    for (const name of p.planted) {
      const undo = await service.undo(name.slice(0, -5));
      expect(undo.ok, `${name}: ${undo.message}`).toBe(false);
    }
    expect(executor?.runs ?? []).toEqual([]);
    unchanged();
  });
});

describe('what a refusal says', () => {
  it('names the backup that does not fit the fix, and a file the fix did not write', async () => {
    const { p } = planted();
    const executor = recordingExecutor('replay');
    const service = createFixService({
      windows: null,
      executor,
      journalDir: p.journalDir,
      outputDir: p.outputDir,
      isLocalHost: () => true,
      runChecks: async () => [],
      lookupTask: () => undefined,
    });
    const messages = (await service.recover()).recovered.map((e) => `${e.fixId}: ${e.message}`).join('\n');
    expect(messages).toMatch(/server\.disable-nla: .*The recorded registry-snapshot backup does not fit this fix \(regKey: /);
    expect(messages).toMatch(/cache\.clear: .*The recorded cache-copy backup does not fit this fix \(files\.0: /);
    expect(messages).toMatch(/server\.enable-firewall-rule: .*The recorded rule-state backup does not fit this fix \(0\.name: /);
    expect(messages).toMatch(/server\.reset-machinekeys-acl: .*grants a broad group full control of the folder/);
    expect(messages).toMatch(/rdpfile\.generate-clean: .*office\.rdp changed after the fix wrote it .* so it was left as it is/);
  });
});

describe('every undo is the fix’s own', () => {
  it('each restore that reads a backup checks it against a schema, and each restored file lies in the app’s folder', () => {
    for (const def of Object.values(FIXES)) {
      for (const option of [undefined, 'out.rdp']) {
        let undo: readonly UndoAction[];
        try {
          undo = def.undo({ fixId: def.id, target: parseTarget('server01.example'), option, outputDir: '/data/rdp-files', backupDir: '/data/journal/x' });
        } catch {
          continue; // an option this fix does not take
        }
        for (const action of undo) {
          if (action.kind === 'script' && action.withBackup) expect(action.backupSchema, `${def.id} ${action.name}`).toBeDefined();
          if (action.kind === 'restore-file') expect(action.path).toBe('/data/rdp-files/out.rdp');
        }
      }
    }
  });
});

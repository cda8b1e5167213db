import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixService } from './service';
import { createReplaySource } from '../windows/replay-source';
import { createReplayExecutor, recordedOutputPath } from './executors';
import { REGISTRY_SCRIPTS } from './registry-steps';
import { tempJournalDir, WINDOWS_FIXTURES } from './test-helpers';
import type { FixExecutor } from './types';

let childJs = '';
const children: number[] = [];

beforeAll(async () => {
  childJs = join(tempJournalDir(), 'crash-child.mjs');
  await build({ entryPoints: [join(__dirname, 'crash-child.fixture.ts')], bundle: true, platform: 'node', format: 'esm', outfile: childJs, logLevel: 'silent' });
});

afterAll(() => {
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts the child, waits until its first apply step is done and it paused, then kills it with SIGKILL. */
async function applyAndKill(...args: string[]): Promise<void> {
  const child = spawn(process.execPath, [childJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) children.push(child.pid);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child never paused: ${stderr}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('PAUSED')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

// The next start is the same app: the same journal and the same folder for produced files (the undo is rebuilt with it).
const service = (journalDir: string, outputDir: string) =>
  createFixService({ windows: null, journalDir, outputDir, isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });

describe('journal recovery after kill -9 mid-apply', () => {
  it('undoes on the next start and restores the overwritten file byte for byte', async () => {
    const journalDir = tempJournalDir();
    const outFile = join(tempJournalDir(), 'server01.rdp');
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('full address:s:old\r\n', 'utf16le'), randomBytes(257)]);
    writeFileSync(outFile, original);
    await applyAndKill(journalDir, outFile);
    expect(readFileSync(outFile).equals(original)).toBe(false);
    const [name] = readdirSync(journalDir).filter((n) => n.endsWith('.json'));
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('applying');
    expect(readdirSync(journalDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const recovered = await service(journalDir, dirname(outFile)).recover();
    expect(recovered.recovered).toHaveLength(1);
    expect(recovered.recovered[0]).toMatchObject({ fixId: 'rdpfile.generate-clean', previousState: 'applying', undone: true });
    expect(readFileSync(outFile).equals(original)).toBe(true);
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('undone');
    expect((await service(journalDir, dirname(outFile)).recover()).recovered).toEqual([]);
  });

  it('deletes a file that did not exist before the interrupted fix', async () => {
    const journalDir = tempJournalDir();
    const outFile = join(tempJournalDir(), 'new.rdp');
    await applyAndKill(journalDir, outFile);
    expect(existsSync(outFile)).toBe(true);
    const offered = await service(journalDir, dirname(outFile)).recover({ perform: false });
    expect(offered.recovered[0]).toMatchObject({ undone: false, previousState: 'applying' });
    expect(existsSync(outFile)).toBe(true);
    await service(journalDir, dirname(outFile)).recover();
    expect(existsSync(outFile)).toBe(false);
  });
});

const MACHINE = join(WINDOWS_FIXTURES, 'host-nla-firewall-off');
const SNAPSHOT = JSON.parse(readFileSync(recordedOutputPath(MACHINE, 'server.disable-nla', 'registry-snapshot'), 'utf8')) as {
  regKey: string;
  keyExists: boolean;
  values: unknown[];
};
// What the restore gets of it: the fields the fix's schema knows, as recorded (the export path and policy list stay out).
const RESTORED = { regKey: SNAPSHOT.regKey, keyExists: SNAPSHOT.keyExists, values: SNAPSHOT.values };

/** A live-mode executor that records what it is asked to run (nothing runs). */
function recordingLiveExecutor(): FixExecutor & { runs: { name: string; data: Readonly<Record<string, unknown>> }[] } {
  const runs: { name: string; data: Readonly<Record<string, unknown>> }[] = [];
  return {
    mode: 'live',
    runs,
    runScript: async (action, data) => (runs.push({ name: action.name, data }), { declined: false, output: '{}' }),
    collect: async () => '',
    markApplied: () => undefined,
  };
}

describe('journal recovery after kill -9 in the middle of a Windows fix', () => {
  it('replayed: the next start undoes it from the recorded registry snapshot', async () => {
    const journalDir = tempJournalDir();
    await applyAndKill('--replay', journalDir, MACHINE, 'server.disable-nla', 'replay');
    const [name] = readdirSync(journalDir).filter((n) => n.endsWith('.json'));
    const stuck = JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')) as {
      state: string;
      executor: string;
      log: { step: string }[];
      backups: Record<string, { output?: string }>;
    };
    expect(stuck).toMatchObject({ state: 'applying', executor: 'replay' });
    expect(stuck.log.map((l) => l.step)).toEqual(['backup:registry-snapshot', 'backed-up', 'applying', 'apply:registry-set']);
    expect(JSON.parse(stuck.backups['registry-snapshot']?.output ?? 'null')).toEqual(SNAPSHOT);

    const windows = createReplaySource(MACHINE);
    const executor = createReplayExecutor(windows);
    const next = createFixService({ windows, executor, journalDir, isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });
    const recovered = await next.recover();
    expect(recovered.recovered).toHaveLength(1);
    expect(recovered.recovered[0]).toMatchObject({ fixId: 'server.disable-nla', previousState: 'applying', undone: true });
    expect(executor.runs.map((r) => r.name)).toEqual(['registry-restore']);
    expect(executor.runs[0]?.script).toBe(REGISTRY_SCRIPTS.RESTORE_VALUES);
    expect(executor.runs[0]?.data['backup']).toEqual(RESTORED);
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('undone');
    expect((await next.recover()).recovered).toEqual([]);
  });

  it('live: the next start runs no UAC prompt by itself; it offers Undo, and Undo restores the saved values', async () => {
    const journalDir = tempJournalDir();
    await applyAndKill('--replay', journalDir, MACHINE, 'server.disable-nla', 'live');
    const [name] = readdirSync(journalDir).filter((n) => n.endsWith('.json'));
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8'))).toMatchObject({ state: 'applying', executor: 'live' });

    const executor = recordingLiveExecutor();
    const next = createFixService({ windows: null, executor, journalDir, isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });
    const recovered = await next.recover();
    expect(recovered.recovered[0]).toMatchObject({ fixId: 'server.disable-nla', previousState: 'applying', undone: false });
    expect(recovered.recovered[0]?.message).toMatch(/needs administrator rights, so it waits for you to choose Undo/);
    expect(executor.runs).toEqual([]);
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('applying');

    const undo = await next.undo(name?.slice(0, -5) ?? '');
    expect(undo.ok).toBe(true);
    expect(executor.runs.map((r) => r.name)).toEqual(['registry-restore']);
    expect(executor.runs[0]?.data['backup']).toEqual(RESTORED);
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('undone');
  });
});

// Planted journal entries change nothing on disk, whatever command starts: the two attacks on the older journal
// format, a planted script undo, entries aimed past a fix's limits, a FIFO and a link to /dev/zero, under every
// command of rdp-doctor and the browser-mode app. Only what a command itself makes may appear (a fix's own entry).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantJournal, snapshotTree, type PlantedJournal } from '../../src-main/fixes/test-planted-journal';
import { buildCliIfNeeded, ROOT, runCli } from '../support/cli';
import { closedPort } from './ports';
import { spawnLab, stopAll } from './processes';

const homes: string[] = [];

beforeAll(() => buildCliIfNeeded(), 180_000);
afterAll(async () => {
  await stopAll();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** A data folder with the planted entries, the victims outside it, and how both look now. */
function plant(): { p: PlantedJournal; outside: string; before: { home: Record<string, string>; outside: Record<string, string> } } {
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-planted-home-'));
  const outside = mkdtempSync(join(tmpdir(), 'rdp-doctor-planted-outside-'));
  homes.push(home, outside);
  const p = plantJournal(home, outside);
  return { p, outside, before: { home: snapshotTree(home), outside: snapshotTree(outside) } };
}

/** Nothing planted was used: the victims, the chosen path, the canary and every planted entry are as they were. */
function expectUntouched(p: PlantedJournal, outside: string, before: { home: Record<string, string>; outside: Record<string, string> }, made: RegExp | null = null): void {
  expect(snapshotTree(outside)).toEqual(before.outside);
  const now = snapshotTree(p.home);
  for (const [name, state] of Object.entries(before.home)) expect(now[name], name).toBe(state);
  // Node's compile cache of the command (a start-up speed-up) is the app's own and may appear under any command.
  const added = Object.keys(now).filter((name) => !(name in before.home) && !/^code-cache(\/|$)/.test(name));
  for (const name of added) expect(name, 'a file the command made').toMatch(made ?? /^(?!)/);
}

const COMMANDS: readonly (readonly [string, (dir: string) => Promise<string[]>])[] = [
  ['decode', async () => ['decode', '0x904', '0x7']],
  ['decode-support', async () => ['decode-support', 'RD-4K7Q-2M']],
  ['diagnose', async () => ['diagnose', `127.0.0.1:${await closedPort()}`, '--timeout', '300']],
  ['rdp-file check', async (dir) => ['rdp-file', 'check', join(dir, 'journal')]],
  ['rdp-file clean --dry-run', async (dir) => ['rdp-file', 'clean', 'server01.example', '-o', join(dir, 'x.rdp'), '--dry-run']],
  ['fix --dry-run', async () => ['fix', 'rdpfile.generate-clean', '--target', 'server01.example', '--dry-run']],
  ['scripts export', async (dir) => ['scripts', 'export', join(dir, 'scripts-out')]],
];

describe('planted journal entries under every command', () => {
  it.each(COMMANDS)('%s runs nothing of them and changes nothing on disk', async (_name, args) => {
    const { p, outside, before } = plant();
    const r = runCli(await args(p.home), p.home, { timeoutMs: 30_000 });
    expect(r.code, r.stderr).not.toBeNull();
    // What the commands keep of their own: exported scripts, the recent targets and certificates a diagnosis saw.
    expectUntouched(p, outside, before, /^(scripts-out(\/.*)?|recent-targets\.json|known-hosts\.json)$/);
  });

  it('fix (applying a real fix) reports each planted entry on stderr, uses none, and adds only its own entry and file', () => {
    const { p, outside, before } = plant();
    const r = runCli(['fix', 'rdpfile.generate-clean', '--target', 'server01.example', '--option', 'new.rdp', '--yes'], p.home, { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^applied: /m);
    expect(r.stderr).toMatch(/was not used \(it was not written by this version of RDP Doctor\); it was left as it is/);
    expect(r.stderr).toMatch(/is not a regular file/);
    expectUntouched(p, outside, before, /^(rdp-files\/new\.rdp|journal\/[0-9]{8}t[0-9]{6}-[a-f0-9]{8}(\.json|\/previous-file\.bin)?)$/);
  });

  it('the browser-mode app starting recovers the journal: nothing planted is used, and the page is told what was left alone', async () => {
    const { p, outside, before } = plant();
    const ui = spawnLab(process.execPath, [join(ROOT, 'bin', 'rdp-doctor.cjs'), 'ui', '--browser', '--no-open', '--port', '0'], {
      name: 'rdp-doctor ui',
      env: { ...process.env, RDP_DOCTOR_HOME: p.home, RDP_DOCTOR_REPLAY: '' },
    });
    await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.test(ui.stdout()), { timeout: 20_000, interval: 100 }).toBe(true);
    const url = new URL(/http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(ui.stdout())?.[0] ?? '');
    const reply = await fetch(new URL('/api/invoke/app%3Ainfo', url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const info = (await reply.json()) as { ok: boolean; value: { journalProblems: string[]; interruptedFixes: { undone: boolean }[] } };
    await ui.stop();
    expect(info.ok).toBe(true);
    expect(info.value.journalProblems.length).toBeGreaterThanOrEqual(6);
    expect(info.value.interruptedFixes.filter((f) => f.undone)).toEqual([]);
    expectUntouched(p, outside, before);
  });
});

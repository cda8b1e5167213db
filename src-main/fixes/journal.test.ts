import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReplaySource } from '../windows/replay-source';
import { createReplayExecutor } from './executors';
import { isJournalId, newJournalId, openJournal } from './journal';
import { createFixService } from './service';
import { runChecksOn, tempJournalDir, WINDOWS_FIXTURES } from './test-helpers';
import type { FixExecutor } from './types';

describe('journal files', () => {
  it('makes file-name-safe ids and refuses anything else before touching the disk', async () => {
    const id = newJournalId(new Date('2026-11-22T03:04:05Z'));
    expect(id).toMatch(/^20261122t030405-[a-f0-9]{8}$/);
    expect(isJournalId('../../etc/passwd')).toBe(false);
    const j = await openJournal(tempJournalDir());
    await expect(j.load('../../etc/passwd')).rejects.toThrow(/No fix with journal id/);
    await expect(j.load(id)).rejects.toThrow(/No fix with journal id/);
  });

  it('lists a corrupt entry as rejected instead of failing, and leaves no temp files', async () => {
    const dir = tempJournalDir();
    const service = createFixService({ windows: null, journalDir: dir, isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });
    const r = await service.apply({ fixId: 'rdpfile.generate-clean', target: 'h1', option: 'a.rdp' });
    writeFileSync(join(dir, `${newJournalId()}.json`), '{"version":1, trunc');
    const j = await openJournal(dir);
    const listed = await j.list();
    expect(listed.entries.map((e) => e.id)).toEqual([r.journalId]);
    expect(listed.rejected).toHaveLength(1);
    expect(listed.rejected[0]?.reason).toMatch(/is not valid JSON; it was left as it is/);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    expect((await service.recover()).rejected).toHaveLength(1);
  });
});

function replayService(wrap: (inner: FixExecutor) => FixExecutor, machine = 'host-nla-firewall-off') {
  const windows = createReplaySource(join(WINDOWS_FIXTURES, machine));
  const inner = createReplayExecutor(windows);
  const journalDir = tempJournalDir();
  return {
    inner,
    journalDir,
    service: createFixService({ windows, executor: wrap(inner), journalDir, isLocalHost: () => true, runChecks: runChecksOn(windows), lookupTask: () => undefined }),
  };
}

describe('apply outcomes', () => {
  it('a failing step ends in failed and rolls back from the backup', async () => {
    const { inner, service } = replayService((e) => ({
      ...e,
      runScript: async (action, data, signal, fixId) => {
        if (action.name === 'registry-set') throw new Error('reg add failed (exit 1)');
        return e.runScript(action, data, signal, fixId);
      },
    }));
    const r = await service.apply({ fixId: 'server.disable-nla', target: '127.0.0.1' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/reg add failed.*Changes were rolled back/);
    expect(inner.runs.map((x) => x.name)).toEqual(['registry-snapshot', 'registry-restore']);
    const [entry] = await service.list();
    expect(entry?.state).toBe('undone');
    expect(entry?.error).toMatch(/reg add failed/);
  });

  it('a declined UAC prompt ends in declined with nothing changed', async () => {
    const { inner, service } = replayService((e) => ({
      ...e,
      runScript: async (action, data, signal, fixId) => (action.elevation === 'always' ? { declined: true, output: '' } : e.runScript(action, data, signal, fixId)),
    }));
    const r = await service.apply({ fixId: 'server.enable-rdp', target: '127.0.0.1' });
    expect(r.status).toBe('declined');
    expect(r.message).toMatch(/UAC/);
    expect(inner.runs.map((x) => x.name)).toEqual(['registry-snapshot']);
  });

  it('apply reuses the journal id the plan showed, so the backup folder the plan names is the real one', async () => {
    const { service, journalDir } = replayService((e) => e, 'host-expired-cert');
    const plan = await service.plan({ fixId: 'server.renew-certificate', target: '127.0.0.1' });
    const r = await service.apply({ fixId: 'server.renew-certificate', target: '127.0.0.1' });
    expect(plan.backup[0]).toContain(join(journalDir, r.journalId ?? 'x'));
  });
});

describe('recovery of a live entry', () => {
  it('offers, but does not run, an undo that needs UAC', async () => {
    const dir = tempJournalDir();
    const j = await openJournal(dir);
    const id = newJournalId();
    const at = new Date().toISOString();
    // The undo comes from the fix's code (a registry restore, which needs UAC), not from the entry.
    await j.save({
      version: 2,
      id,
      fixId: 'server.enable-rdp',
      target: '127.0.0.1',
      option: null,
      executor: 'live',
      state: 'applying',
      createdAt: at,
      updatedAt: at,
      backups: {},
      written: {},
      log: [],
      error: null,
    });
    const service = createFixService({ windows: null, journalDir: dir, isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });
    const r = await service.recover();
    expect(r.recovered[0]).toMatchObject({ journalId: id, undone: false });
    expect(r.recovered[0]?.message).toMatch(/administrator rights/);
    expect((await j.load(id)).state).toBe('applying');
  });
});

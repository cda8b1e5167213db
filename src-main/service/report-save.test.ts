import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../e2e/lab/ports';
import { createReportFiles, type ReportFileHost } from '../electron/report-files';
import { dispatch } from './dispatch';
import { createNodeAppService } from './node-deps';

const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-report-save-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The native dialog and shell, recorded: the dialog answers with `answer`, opening and showing are noted. */
function fakeHost(answer: () => string | null): ReportFileHost & { opened: string[]; shown: string[]; asked: string[] } {
  const opened: string[] = [];
  const shown: string[] = [];
  const asked: string[] = [];
  return {
    opened,
    shown,
    asked,
    startFolder: home,
    showSaveDialog: async (options) => {
      asked.push(options.defaultPath);
      const path = answer();
      return path ? { canceled: false, filePath: path } : { canceled: true };
    },
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
    showItemInFolder: (path) => void shown.push(path),
  };
}

async function finishedDiagnosis(service: ReturnType<typeof createNodeAppService>): Promise<string> {
  const { taskId } = await service.handlers['diagnosis:start']({ target: `127.0.0.1:${await closedPort()}`, timeoutMs: 1000 });
  await service.waitForReport(taskId);
  return taskId;
}

describe('saving a report in the app window', () => {
  it('saves where the user picks, says where, then opens it or shows it in its folder by id', async () => {
    const target = join(home, 'chosen.html');
    writeFileSync(target, 'an older report the dialog agreed to replace');
    const host = fakeHost(() => target);
    const service = createNodeAppService({ door: 'electron', dataDir: home, env: {}, reportFiles: createReportFiles(host) });
    expect((await service.handlers['app:info']({})).canSaveReports).toBe(true);
    const taskId = await finishedDiagnosis(service);

    const saved = await service.handlers['report:save']({ taskId, format: 'html', redact: { users: false, hosts: false } });
    expect(saved).toMatchObject({ saved: true, fileName: 'chosen.html', folder: home });
    expect(host.asked[0]).toMatch(/rdp-doctor-127\.0\.0\.1-.*\.html$/);
    expect(readFileSync(target, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    if (!saved.saved) throw new Error('not saved');

    expect(await service.handlers['report:reveal']({ saveId: saved.saveId, action: 'open' })).toEqual({ done: true, message: '' });
    expect(await service.handlers['report:reveal']({ saveId: saved.saveId, action: 'folder' })).toEqual({ done: true, message: '' });
    expect(host.opened).toEqual([target]);
    expect(host.shown).toEqual([target]);
    service.shutdown();
  });

  it('a cancelled dialog saves nothing; an unknown id, or a path in its place, opens nothing', async () => {
    const host = fakeHost(() => null);
    const service = createNodeAppService({ door: 'electron', dataDir: home, env: {}, reportFiles: createReportFiles(host) });
    const taskId = await finishedDiagnosis(service);
    expect(await service.handlers['report:save']({ taskId, format: 'pdf', redact: { users: true, hosts: true } })).toEqual({ saved: false });
    const answer = await dispatch(service.handlers, 'report:reveal', { saveId: '/etc/passwd', action: 'open' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(host.opened).toEqual([]);
    service.shutdown();
  });

  it('is refused in browser mode, which downloads instead', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    expect((await service.handlers['app:info']({})).canSaveReports).toBe(false);
    const taskId = await finishedDiagnosis(service);
    const answer = await dispatch(service.handlers, 'report:save', { taskId, format: 'html', redact: { users: false, hosts: false } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    service.shutdown();
  });
});

describe('the summary for a ticket', () => {
  it('is plain text with the verdict, the plan and the support code, redacted when asked', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    const taskId = await finishedDiagnosis(service);
    const { code } = await service.handlers['support:code']({ taskId });
    const plain = (await service.handlers['report:summary']({ taskId, redact: { users: false, hosts: false } })).text;
    expect(plain).toMatch(/^RDP Doctor: 127\.0\.0\.1:\d+, \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(plain).toContain('Most likely cause: Nothing is listening on the Remote Desktop port');
    expect(plain).toContain(`Support code: ${code}`);
    expect(plain).not.toMatch(/<[a-z]/i);
    const redacted = (await service.handlers['report:summary']({ taskId, redact: { users: true, hosts: true } })).text;
    expect(redacted).not.toContain('127.0.0.1');
    expect(redacted).toContain('ip-1');
    service.shutdown();
  });
});

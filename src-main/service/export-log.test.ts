import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../e2e/lab/ports';
import { LOG_TAIL_LINES, readLogTail } from '../report/log-tail';
import { createNodeAppService } from './node-deps';

const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-export-log-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const decode = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');

describe('attaching the app log to a report', () => {
  it('attaches the end of the log on request, redacted like the rest, in JSON and HTML', async () => {
    const port = await closedPort();
    const logFile = join(home, 'main.log');
    const service = createNodeAppService({ door: 'electron', dataDir: home, env: {}, logFile });
    expect((await service.handlers['app:info']({})).canAttachLog).toBe(true);
    const { taskId } = await service.handlers['diagnosis:start']({ target: `127.0.0.1:${port}`, timeoutMs: 1000 });
    await service.waitForReport(taskId);
    writeFileSync(logFile, `[info] start\n[info] diagnosis of 127.0.0.1:${port} finished\n[warn] bell\u0007 in a line\n`);

    const plain = JSON.parse(decode((await service.handlers['report:export']({ taskId, format: 'json', redact: { users: false, hosts: false } })).contentBase64));
    expect(plain.appLog).toBeUndefined();

    const withLog = JSON.parse(
      decode((await service.handlers['report:export']({ taskId, format: 'json', redact: { users: false, hosts: true }, includeLog: true })).contentBase64),
    );
    expect(withLog.appLog.lines).toHaveLength(3);
    expect(withLog.appLog.lines[1]).toMatch(/^\[info\] diagnosis of ip-\d+:\d+ finished$/);
    expect(withLog.appLog.lines[2]).toBe('[warn] bell? in a line');
    expect(JSON.stringify(withLog)).not.toContain('127.0.0.1');

    const html = decode((await service.handlers['report:export']({ taskId, format: 'html', redact: { users: false, hosts: false }, includeLog: true })).contentBase64);
    expect(html).toContain('<h3>App log</h3>');
    expect(html).toContain(`diagnosis of 127.0.0.1:${port} finished`);
    service.shutdown();
  });

  it('is not offered where the app keeps no log (browser mode, CLI)', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    expect((await service.handlers['app:info']({})).canAttachLog).toBe(false);
    service.shutdown();
  });

  it('reads only the end of a large log, whole lines, and nothing for a missing file', async () => {
    const big = join(home, 'big.log');
    writeFileSync(big, Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n'));
    const tail = await readLogTail(big);
    expect(tail.lines).toHaveLength(LOG_TAIL_LINES);
    expect(tail.lines.at(-1)).toMatch(/^line 4999 /);
    expect(tail.lines.every((l) => /^line \d+ x{40}$/.test(l))).toBe(true);
    expect(await readLogTail(join(home, 'missing.log'))).toEqual({ file: join(home, 'missing.log'), lines: [] });
  });
});

import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WindowsCollectorError } from './errors';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ELEVATED_FOOT, ELEVATED_HEAD, ELEVATED_TAIL, LAUNCHER_SCRIPT, runElevated } from './elevate';

const runner = vi.hoisted(() => ({ calls: [] as { script: string; data: Record<string, unknown> }[], behave: (_resultPath: string): string => '' }));

// Only the spawn is stubbed: the invocation, the encoding and the result file handling are the real ones.
vi.mock('./powershell-runner', async (importOriginal) => {
  const real = await importOriginal<typeof import('./powershell-runner')>();
  return {
    ...real,
    runPowerShell: async (script: string, data: Record<string, unknown>) => {
      runner.calls.push({ script, data });
      const elevated = Buffer.from(String(data['encodedCommand']), 'base64').toString('utf16le');
      const literal = elevated.slice(ELEVATED_HEAD.length, elevated.indexOf(ELEVATED_TAIL));
      const request = JSON.parse(Buffer.from(literal, 'base64').toString('utf8')) as { data: unknown; resultPath: string };
      return runner.behave(request.resultPath);
    },
  };
});

const SCRIPT = "Set-ItemProperty -LiteralPath 'HKLM:\\X' -Name V -Value ([int]$RdpDoctorData.value)";
let resultDir = '';
/** The stubbed launcher: writes `result` (or nothing) where the elevated script would, and answers like LAUNCHER_SCRIPT. */
function launcher(answer: object, result: string | null) {
  runner.behave = (resultPath) => {
    resultDir = dirname(resultPath);
    if (result !== null) writeFileSync(resultPath, result);
    return JSON.stringify(answer);
  };
}
const run = () => runElevated(SCRIPT, { value: 1 }, { timeoutMs: 1000, collector: 'registry-set' });

beforeEach(() => {
  runner.calls = [];
  resultDir = '';
});

describe('runElevated with a stubbed runner', () => {
  it('runs the constant launcher once, with the elevated script (data as a base64 literal) as its only data', async () => {
    launcher({ outcome: 'ran', exitCode: 0 }, '{"ok":true,"stdout":"{\\"set\\":1}"}');
    await run();
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.script).toBe(LAUNCHER_SCRIPT);
    expect(Object.keys(runner.calls[0]?.data ?? {})).toEqual(['encodedCommand']);
    const elevated = Buffer.from(String(runner.calls[0]?.data['encodedCommand']), 'base64').toString('utf16le');
    expect(elevated.endsWith(SCRIPT + ELEVATED_FOOT)).toBe(true);
  });

  it('success: returns what the script printed and removes the private result folder', async () => {
    launcher({ outcome: 'ran', exitCode: 0 }, '{"ok":true,"stdout":"{\\"set\\":1}"}');
    expect(await run()).toEqual({ outcome: 'ran', stdout: '{"set":1}' });
    expect(resultDir).not.toBe('');
    expect(existsSync(resultDir)).toBe(false);
  });

  it('the user said no (1223): a declined outcome, not an error, and nothing left behind', async () => {
    launcher({ outcome: 'declined', exitCode: null }, null);
    expect(await run()).toEqual({ outcome: 'declined' });
    expect(existsSync(resultDir)).toBe(false);
  });

  it('a declined prompt reaches the user as "declined; nothing was changed" through the live executor', async () => {
    launcher({ outcome: 'declined', exitCode: null }, null);
    const { createLiveExecutor } = await import('../fixes/executors');
    const live = createLiveExecutor({ origin: 'powershell', replayDir: null, machineRole: 'unknown', collect: async () => '' });
    const r = await live.runScript(
      { kind: 'script', name: 'registry-set', description: 'set', script: SCRIPT, data: { value: 1 }, elevation: 'always' },
      { value: 1 },
      new AbortController().signal,
      'server.enable-rdp',
    );
    expect(r).toEqual({ declined: true, output: '' });
  });

  it('no result file: a one-line failure saying the elevated script wrote none', async () => {
    launcher({ outcome: 'ran', exitCode: 0 }, null);
    await expect(run()).rejects.toMatchObject({ kind: 'failed', message: expect.stringMatching(/registry-set.*the elevated script wrote no result$/) });
    expect(existsSync(resultDir)).toBe(false);
  });

  it('a garbled result file is not-json, never taken as output', async () => {
    launcher({ outcome: 'ran', exitCode: 0 }, '{"ok":tr\u0000ue');
    await expect(run()).rejects.toMatchObject({ kind: 'not-json' });
  });

  it('a forged result file (shapes the preamble never writes) is refused', async () => {
    for (const forged of ['{"ok":true,"stdout":{"set":1}}', '{"ok":"true","stdout":"x"}', '{"stdout":"x"}', '[]', 'null', '"ok"']) {
      launcher({ outcome: 'ran', exitCode: 0 }, forged);
      await expect(run(), forged).rejects.toMatchObject({ kind: 'not-json', message: expect.stringMatching(/not JSON|unexpected shape/) });
    }
  });

  it('a success file from a process that exited non-zero is refused', async () => {
    launcher({ outcome: 'ran', exitCode: 1 }, '{"ok":true,"stdout":"{}"}');
    await expect(run()).rejects.toMatchObject({ kind: 'failed', message: expect.stringMatching(/exited 1 but its result file claims success/) });
  });

  it('a trapped error in the elevated script keeps its kind (access denied)', async () => {
    launcher({ outcome: 'ran', exitCode: 1 }, '{"ok":false,"category":"PermissionDenied","errorId":"System.UnauthorizedAccessException","message":"Access is denied"}');
    await expect(run()).rejects.toMatchObject({ kind: 'access-denied' });
  });

  it('an unexpected launcher answer is refused', async () => {
    launcher({ outcome: 'maybe' }, '{"ok":true,"stdout":"x"}');
    await expect(run()).rejects.toMatchObject({ kind: 'not-json', message: expect.stringMatching(/launcher gave an unexpected answer/) });
  });

  it('nobody answered the prompt in time: the app claims the step, says nothing was changed, and a late answer runs nothing', async () => {
    let claim = '';
    runner.behave = (resultPath) => {
      resultDir = dirname(resultPath);
      claim = join(resultDir, 'claim');
      throw new WindowsCollectorError('timeout', 'no answer within 1 s', 'registry-set');
    };
    await expect(run()).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/^Nobody answered the administrator prompt for registry-set within 1 s, so nothing was changed/),
    });
    expect(claim).not.toBe('');
    expect(existsSync(resultDir)).toBe(false);
  });

  it('the step had started as administrator when the time ran out: it may still change the computer, and the app says so', async () => {
    runner.behave = (resultPath) => {
      resultDir = dirname(resultPath);
      // The elevated script creates the claim first thing, before it changes anything.
      writeFileSync(join(resultDir, 'claim'), '');
      throw new WindowsCollectorError('timeout', 'no answer within 1 s', 'registry-set');
    };
    await expect(run()).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/started as administrator but did not finish within 1 s; it may still change this computer/),
    });
  });

  it('an elevated step that found the app gone (exit 3, no result) ran nothing and says so', async () => {
    launcher({ outcome: 'ran', exitCode: 3 }, null);
    await expect(run()).rejects.toMatchObject({ kind: 'failed', message: expect.stringMatching(/ran nothing$/) });
  });
});

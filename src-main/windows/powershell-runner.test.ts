import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { DATA_ENV, PREAMBLE, runnerText, buildPowerShellInvocation, interpretOutput, runInvocation, type PowerShellInvocation } from './powershell-runner';
import { COLLECTOR_SCRIPTS } from './scripts';
import { cleanStderr, classifyStderr, WindowsCollectorError } from './errors';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Alive = exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

const SCRIPT = '[pscustomobject]@{ t = [string]$RdpDoctorData.target } | ConvertTo-Json -Compress';

function decodeCommand(inv: PowerShellInvocation): string {
  const at = inv.args.indexOf('-EncodedCommand');
  expect(at).toBeGreaterThan(-1);
  return Buffer.from(inv.args[at + 1] ?? '', 'base64').toString('utf16le');
}

function decodeData(inv: PowerShellInvocation): unknown {
  return JSON.parse(Buffer.from(inv.env[DATA_ENV] ?? '', 'base64').toString('utf8'));
}

const HOSTILE = [
  `"; Remove-Item -Recurse C:\\ ; "`,
  "'; calc; '",
  '$(Stop-Computer)',
  '`whoami`',
  'a | Out-File x',
  'line1\nline2\r\n& calc',
  'Grüße-Ünïcødé-東京-🙂',
  '--% -Command calc',
  'x'.repeat(10_000),
];

describe('buildPowerShellInvocation', () => {
  it('spawns powershell with the fixed switches and nothing else', () => {
    const inv = buildPowerShellInvocation(SCRIPT, { target: 'host' }, 'C:\\Windows');
    expect(inv.command).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(inv.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(inv.args).toHaveLength(6);
    expect(decodeCommand(inv)).toBe(runnerText(SCRIPT));
  });

  it.each(HOSTILE)('passes a hostile value only as data: %#', (value) => {
    const inv = buildPowerShellInvocation(SCRIPT, { target: value }, 'C:\\Windows');
    expect(decodeCommand(inv)).toBe(runnerText(SCRIPT));
    expect(decodeData(inv)).toEqual({ target: value });
    for (const arg of inv.args) expect(arg).toMatch(/^[-A-Za-z0-9+/=]+$/);
    expect(inv.env[DATA_ENV]).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('keeps the script constant and round-trips any string as data', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 50 }), (value, path) => {
        const inv = buildPowerShellInvocation(SCRIPT, { target: value, path }, 'C:\\Windows');
        expect(decodeCommand(inv)).toBe(runnerText(SCRIPT));
        expect(decodeData(inv)).toEqual({ target: value, path });
      }),
      { numRuns: fuzzRuns(50) },
    );
  });

  it('refuses data too large for one environment variable', () => {
    expect(() => buildPowerShellInvocation(SCRIPT, { target: 'x'.repeat(40_000) })).toThrow(WindowsCollectorError);
  });

  it('every registered collector script fits on one command line and carries no template holes', () => {
    expect(Object.keys(COLLECTOR_SCRIPTS).length).toBeGreaterThan(8);
    for (const [name, entry] of Object.entries(COLLECTOR_SCRIPTS)) {
      const inv = buildPowerShellInvocation(entry.script, {});
      expect(inv.args.join(' ').length, name).toBeLessThan(32_000);
      expect(entry.script, name).not.toContain('${');
      if (entry.output === 'json') expect(entry.script, name).toContain('ConvertTo-Json');
    }
  });
});

describe('interpretOutput', () => {
  it('maps English and German access-denied text', () => {
    for (const stderr of ['Get-Item : Access is denied.', 'Get-Item : Der Zugriff wurde verweigert']) {
      expect(() => interpretOutput({ stdout: '', stderr, exitCode: 1 }, 'client-policy', 'json')).toThrow(expect.objectContaining({ kind: 'access-denied' }));
    }
  });

  it('maps a missing cmdlet in English and German', () => {
    const en = "The term 'Get-NetAdapter' is not recognized as the name of a cmdlet, function, script file";
    const de = 'Die Benennung "Get-NetAdapter" wurde nicht als Name eines Cmdlet, einer Funktion, einer Skriptdatei erkannt.';
    for (const stderr of [en, de]) {
      expect(() => interpretOutput({ stdout: '', stderr, exitCode: 1 }, 'client-vpn', 'json')).toThrow(expect.objectContaining({ kind: 'missing-cmdlet' }));
    }
  });

  it('uses the preamble trap line and keeps the message to one line', () => {
    const line = Buffer.from(JSON.stringify({ category: 'ObjectNotFound', id: 'CommandNotFoundException', message: 'The term x is not\r\nrecognized' })).toString('base64');
    const stderr = `RDPDOCTOR-ERROR ${line}`;
    try {
      interpretOutput({ stdout: '', stderr, exitCode: 1 }, 'client-vpn', 'json');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ kind: 'missing-cmdlet' });
      expect((e as Error).message).not.toMatch(/\n/);
      expect((e as Error).message).toContain('client-vpn');
    }
  });

  it('rejects non-JSON output of a JSON collector and accepts text collectors', () => {
    expect(() => interpretOutput({ stdout: 'WARNING: oops', stderr: '', exitCode: 0 }, 'x', 'json')).toThrow(expect.objectContaining({ kind: 'not-json' }));
    expect(interpretOutput({ stdout: 'hello', stderr: '', exitCode: 0 }, 'x', 'text')).toBe('hello');
  });

  it('reads CLIXML error streams', () => {
    const clixml = '#< CLIXML\r\n<Objs Version="1.1.0.1"><S S="Error">Access is denied_x000D__x000A_</S></Objs>';
    expect(cleanStderr(clixml)).toBe('Access is denied');
    expect(classifyStderr(cleanStderr(clixml))).toBe('access-denied');
  });
});

describe('runInvocation (real child processes)', () => {
  const node = (code: string): PowerShellInvocation => ({ command: process.execPath, args: ['-e', code], env: { [DATA_ENV]: 'aGk=' } });

  it('returns stdout, stderr and exit code, and passes the data variable', async () => {
    const out = await runInvocation(node(`process.stdout.write(process.env.${DATA_ENV}); process.stderr.write('e'); process.exit(3)`), { timeoutMs: 5000 });
    expect(out).toEqual({ stdout: 'aGk=', stderr: 'e', exitCode: 3 });
  });

  it('kills the whole process tree on timeout', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'rdpd-')), 'pid');
    const code = `const c=require('child_process').spawn(process.execPath,['-e','setInterval(()=>{},1000)'],{stdio:'ignore'});require('fs').writeFileSync(${JSON.stringify(pidFile)},String(c.pid));setInterval(()=>{},1000)`;
    const started = Date.now();
    await expect(runInvocation(node(code), { timeoutMs: 1000, collector: 'slow' })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(isAlive(grandchild)).toBe(false);
  });

  it('kills on abort and reports cancelled', async () => {
    const controller = new AbortController();
    const run = runInvocation(node('setInterval(()=>{},1000)'), { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('reports a program that cannot start as failed', async () => {
    await expect(runInvocation({ command: '/nonexistent/powershell.exe', args: [], env: {} }, { timeoutMs: 2000, collector: 'x' })).rejects.toMatchObject({ kind: 'failed' });
  });
});

describe('the preamble under Windows PowerShell 5.1', () => {
  const lines = PREAMBLE.split('\n');
  it('silences the streams 5.1 can write into redirected stdout, right after stopping on errors (after the language mode check)', () => {
    // The Constrained Language Mode check must come first: every .NET call after it fails under that mode.
    expect(lines[0]).toMatch(/^if \(\$ExecutionContext\.SessionState\.LanguageMode -ne 'FullLanguage'\)/);
    expect(lines[4]).toBe("$ErrorActionPreference = 'Stop'");
    for (const pref of ['Progress', 'Warning', 'Information', 'Verbose', 'Debug']) {
      const at = lines.indexOf(`$${pref}Preference = 'SilentlyContinue'`);
      expect(at, pref).toBeGreaterThan(0);
      expect(at, pref).toBeLessThan(lines.findIndex((l) => l.startsWith('trap')));
    }
  });

  it('every collector runs native tools in a child scope that lets stderr continue, and redirects no other stream', () => {
    const NATIVE = /& \{ \$ErrorActionPreference = 'Continue'; & "\$env:SystemRoot\\System32\\[a-z]+\.exe"[^{}]* 2>\$null \}/;
    const natives: string[] = [];
    for (const [name, entry] of Object.entries(COLLECTOR_SCRIPTS)) {
      // The preamble is not there when a fix script embeds a collector, so none may rely on it for this.
      expect(entry.script.replace(new RegExp(NATIVE.source, 'g'), ''), name).not.toMatch(/\d>\s*(\$null|&1)|\*>/);
      for (const line of entry.script.split('\n')) {
        const tool = /([A-Za-z0-9_-]+\.exe)\b/.exec(line)?.[1];
        // mstsc.exe is only read for its file version, never run.
        if (!tool || /Get-FileVersion|Test-Path|Get-Item\b/.test(line)) continue;
        expect(line, `${name}: ${tool}`).toMatch(NATIVE);
        natives.push(tool);
      }
    }
    expect(natives.sort()).toEqual(['cmdkey.exe', 'qwinsta.exe']);
  });
});

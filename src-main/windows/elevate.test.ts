import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { DATA_ENV, runnerText } from './powershell-runner';
import { ELEVATED_FOOT, ELEVATED_HEAD, ELEVATED_TAIL, LAUNCHER_SCRIPT, buildElevatedInvocation, claimPathOf, readElevatedResult } from './elevate';

const SCRIPT = "Set-ItemProperty -LiteralPath 'HKLM:\\X' -Name V -Value ([int]$RdpDoctorData.value)";

/** Decodes what would be spawned down to the elevated script's text and its request literal. */
function unpack(data: Record<string, unknown>, resultPath: string) {
  const inv = buildElevatedInvocation(SCRIPT, data, resultPath, 'C:\\Windows');
  const launcher = Buffer.from(inv.args[inv.args.indexOf('-EncodedCommand') + 1] ?? '', 'base64').toString('utf16le');
  const launcherData = JSON.parse(Buffer.from(inv.env[DATA_ENV] ?? '', 'base64').toString('utf8')) as { encodedCommand: string };
  const elevated = Buffer.from(launcherData.encodedCommand, 'base64').toString('utf16le');
  expect(elevated.startsWith(ELEVATED_HEAD)).toBe(true);
  const literalEnd = elevated.indexOf(ELEVATED_TAIL);
  const literal = elevated.slice(ELEVATED_HEAD.length, literalEnd);
  return { inv, launcher, launcherData, elevated, literal, rest: elevated.slice(literalEnd) };
}

describe('buildElevatedInvocation', () => {
  it('launches the constant launcher, never the app, with the elevated script as data', () => {
    const { inv, launcher, launcherData } = unpack({ value: 1 }, 'C:\\Users\\a\\AppData\\Local\\Temp\\x\\result.json');
    expect(launcher).toBe(runnerText(LAUNCHER_SCRIPT));
    expect(launcher).toContain("$si.Verb = 'runas'");
    expect(launcher).toContain('$p.WaitForExit()');
    expect(inv.command).toMatch(/powershell\.exe$/);
    expect(Object.keys(launcherData)).toEqual(['encodedCommand']);
  });

  it("names the app's window as the owner of the UAC prompt when there is one, so the prompt shows in front", () => {
    const inv = buildElevatedInvocation(SCRIPT, {}, 'C:\\t\\result.json', 'C:\\Windows', '853012');
    expect(JSON.parse(Buffer.from(inv.env[DATA_ENV] ?? '', 'base64').toString('utf8'))).toMatchObject({ ownerWindow: '853012' });
    expect(LAUNCHER_SCRIPT).toMatch(/\$si\.ErrorDialogParentHandle = New-Object System\.IntPtr \(\[long\]\$RdpDoctorData\.ownerWindow\)/);
    expect(LAUNCHER_SCRIPT).not.toMatch(/Start-Process/);
  });

  it('keeps hostile values inside a base64 literal and the script text constant', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 80 }), (value, path) => {
        const { literal, rest } = unpack({ value }, path);
        expect(literal).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
        expect(rest).toBe(ELEVATED_TAIL + SCRIPT + ELEVATED_FOOT);
        expect(JSON.parse(Buffer.from(literal, 'base64').toString('utf8'))).toEqual({ data: { value }, resultPath: path, claimPath: claimPathOf(path) });
      }),
      { numRuns: fuzzRuns(50) },
    );
  });

  it('handles the user saying no (1223) as its own outcome in the launcher', () => {
    expect(LAUNCHER_SCRIPT).toContain('1223');
    expect(LAUNCHER_SCRIPT).toContain("outcome = 'declined'");
  });
});

describe('readElevatedResult', () => {
  it('returns the stdout of a successful run', () => {
    expect(readElevatedResult('{"ok":true,"stdout":"{\\"a\\":1}\\r\\n"}', 'fix')).toBe('{"a":1}\r\n');
  });

  it('maps a trapped access-denied error and a missing result', () => {
    expect(() => readElevatedResult('{"ok":false,"category":"PermissionDenied","errorId":"System.UnauthorizedAccessException","message":"Zugriff verweigert"}', 'fix')).toThrow(
      expect.objectContaining({ kind: 'access-denied' }),
    );
    expect(() => readElevatedResult(null, 'fix')).toThrow(expect.objectContaining({ kind: 'failed' }));
    expect(() => readElevatedResult('garbage', 'fix')).toThrow(expect.objectContaining({ kind: 'not-json' }));
  });
});

describe('elevated result file', () => {
  it('is only ever created new, never overwritten or followed (a planted link must not redirect an admin write)', () => {
    const text = ELEVATED_TAIL + ELEVATED_FOOT;
    expect(text).not.toMatch(/WriteAllText|Out-File|Set-Content/);
    expect(text).toMatch(/\[System\.IO\.FileMode\]::CreateNew/);
    expect(text.match(/Write-RdpDoctorResult \$r/g)).toHaveLength(2);
  });
});

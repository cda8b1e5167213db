// Static proof, with PowerShell's own parser: every script the app can run parses without error and uses nothing
// newer than Windows PowerShell 5.1. Planted scripts prove the checker catches each construct it claims to.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { listAppScripts } from '../../src-main/scripts/catalog';
import { exportScripts } from '../../src-main/scripts/export';
import { describeWithPwsh } from '../../src-main/test-support/pwsh';

/** One finding of ps51-check.ps1. */
interface Problem {
  readonly line: number;
  readonly rule: string;
  readonly text: string;
  readonly message: string;
}

/** Each rule of the checker and scripts that break it (one file each). */
const PLANTED: Record<string, readonly string[]> = {
  'parse-error': ["if ($a { 'x' }"],
  ternary: ['$a = $b ? 1 : 2'],
  'null-coalescing': ["$a = $b ?? 'x'"],
  'null-coalescing-assignment': ['$a ??= 1'],
  'null-conditional': ['${a}?.Name', '${a}?[0]', '${a}?.Trim()'],
  'pipeline-chain': ['Get-Item x && Get-Item y', 'Get-Item x || Get-Item y'],
  'background-operator': ['Start-Sleep 1 &'],
  'clean-block': ['function f { process { } clean { } }'],
  'unicode-escape': ['"`u{263A}"', '"$a `u{263A}"'],
  'replace-scriptblock': ["'a' -replace 'a', { 'b' }"],
  'generic-method-call': ['[Array]::Empty[int]()'],
  'new-cmdlet': ["'a' | Join-String", 'Get-Error', "Test-Json '{}'", 'Start-ThreadJob { 1 }'],
  'new-parameter': [
    '1..3 | ForEach-Object -Parallel { $_ }',
    "'{}' | ConvertFrom-Json -AsHashtable",
    "'{}' | ConvertFrom-Json -AsHash",
    'Get-Content x -AsByteStream',
    'ConvertTo-Json 1 -EscapeHandling EscapeNonAscii',
    'Invoke-WebRequest https://x -SkipCertificateCheck',
    'Invoke-RestMethod https://x -SkipCertificateCheck',
    "Join-Path 'a' 'b' 'c'",
    'Get-Date -AsUTC',
  ],
  'new-encoding': ["Set-Content -LiteralPath x -Value 'y' -Encoding utf8NoBOM", 'Out-File -FilePath x -Encoding:utf8BOM'],
  'new-variable': ['if ($IsWindows) { 1 }', '$PSStyle.Reset'],
  'dotnet-core-member': ['[Convert]::ToHexString($b)', '[System.IO.Path]::GetRelativePath($a, $b)', '[Environment]::ProcessId'],
  'dotnet-core-type': ['[System.Text.Json.JsonSerializer]::Serialize(1)', '[System.Range]$r = $null'],
  'split-string': ["'a::b'.Split('::')"],
};

/** 5.1 lookalikes of every construct above: the checker must stay quiet on all of them. */
const CLEAN = [
  "$ErrorActionPreference = 'Stop'",
  '$a = if ($b) { 1 } else { 2 }',
  "if ($null -eq $c) { $c = 'x' }",
  '$d = $e.Name; $f = $g[0]; $h = ${g}.Name',
  'Get-Item x; if ($?) { Get-Item y }',
  "'a' -replace 'b', 'c'",
  "'a,b' -split '::'",
  "'a,b'.Split(',')",
  "Join-Path (Join-Path 'a' 'b') 'c'",
  "Join-Path -Path 'a' -ChildPath 'b' -Resolve",
  '1..3 | ForEach-Object -Process { $_ }',
  "'{}' | ConvertFrom-Json",
  'ConvertTo-Json -InputObject 1 -Depth 3 -Compress',
  'Get-Content -LiteralPath x -Raw -Encoding UTF8',
  "Set-Content -LiteralPath x -Value 'y' -Encoding Unicode",
  '$s = "[char]0x263A $($y) what? `$IsWindows"',
  'Get-Date -Format o',
  '[Convert]::ToBase64String($b)',
  'Sort-Object -Property x -Descending',
  '$IsAdmin = $true',
  'function f { process { } end { } }',
  '',
].join('\n');

describeWithPwsh('static proof: Windows PowerShell 5.1', (pwsh) => {
  let byFile = new Map<string, Problem[]>();
  let exportDir = '';
  let plantedDir = '';

  beforeAll(async () => {
    exportDir = join(mkdtempSync(join(tmpdir(), 'rdpd-ps51-')), 'export');
    await exportScripts(exportDir);
    plantedDir = mkdtempSync(join(tmpdir(), 'rdpd-ps51-planted-'));
    for (const [rule, scripts] of Object.entries(PLANTED)) scripts.forEach((text, i) => writeFileSync(join(plantedDir, `${rule}.${i}.ps1`), `${text}\n`));
    writeFileSync(join(plantedDir, 'clean.ps1'), CLEAN);
    // One pwsh for every file: its start-up is the slow part.
    const { stdout } = await promisify(execFile)(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(__dirname, 'ps51-check.ps1'), exportDir, plantedDir], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    });
    const results = JSON.parse(stdout) as { file: string; problems: Problem[] }[];
    byFile = new Map(results.map((r) => [r.file, r.problems]));
  }, 320_000);

  it('every exported script parses with no error and holds nothing newer than 5.1', async () => {
    const scripts = await listAppScripts();
    const checked = [...byFile.keys()].filter((f) => f.startsWith(exportDir));
    expect(checked).toHaveLength(scripts.length);
    expect(checked.length).toBeGreaterThan(60);
    const found = checked.flatMap((f) => (byFile.get(f) ?? []).map((p) => `${f.slice(exportDir.length + 1)}:${p.line} ${p.rule}: ${p.text}`));
    expect(found).toEqual([]);
  });

  for (const [rule, scripts] of Object.entries(PLANTED)) {
    it(`catches ${rule} in each planted script`, () => {
      scripts.forEach((text, i) => {
        const problems = byFile.get(join(plantedDir, `${rule}.${i}.ps1`));
        expect(problems, text).toBeDefined();
        expect(
          problems?.map((p) => p.rule),
          text,
        ).toContain(rule);
        // Nothing else in a one-construct script is a problem (parse errors may bring more of their own kind).
        expect(new Set(problems?.map((p) => p.rule)), text).toEqual(new Set([rule]));
      });
    });
  }

  it('stays quiet on the 5.1 lookalikes of those constructs', () => {
    const problems = byFile.get(join(plantedDir, 'clean.ps1'));
    expect(problems?.map((p) => `${p.line} ${p.rule}: ${p.text}`)).toEqual([]);
  });

  it('checked every planted file', () => {
    const planted = [...byFile.keys()].filter((f) => f.startsWith(plantedDir)).map((f) => basename(f));
    expect(planted).toHaveLength(Object.values(PLANTED).flat().length + 1);
  });
});

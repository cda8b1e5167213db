/** Fix cache.clear: delete the mstsc bitmap cache with mstsc closed, after copying it into the backup folder (docs/windows.md#mstsc-files-mru-and-cache). */
import type { FixDefinition } from './types';

const CACHE = "Join-Path $env:LOCALAPPDATA 'Microsoft\\Terminal Server Client\\Cache'";

const BACKUP = String.raw`
$src = ${CACHE}
$dst = Join-Path ([Environment]::ExpandEnvironmentVariables([string]$RdpDoctorData.backupDir)) 'cache'
$files = @()
if (Test-Path -LiteralPath $src) {
  New-Item -ItemType Directory -Force -Path $dst | Out-Null
  foreach ($f in @(Get-ChildItem -LiteralPath $src -File -Force)) { Copy-Item -LiteralPath $f.FullName -Destination $dst -Force; $files += $f.Name }
}
[pscustomobject]@{ source = $src; copy = $dst; files = $files } | ConvertTo-Json -Compress
`;

const CLEAR = String.raw`
if (Get-Process -Name mstsc -ErrorAction SilentlyContinue) { throw 'Close Remote Desktop Connection (mstsc.exe) first: it keeps the cache files open.' }
$src = ${CACHE}
$n = 0
if (Test-Path -LiteralPath $src) { foreach ($f in @(Get-ChildItem -LiteralPath $src -File -Force)) { Remove-Item -LiteralPath $f.FullName -Force; $n++ } }
[pscustomobject]@{ removed = $n } | ConvertTo-Json -Compress
`;

const RESTORE = String.raw`
$b = $RdpDoctorData.backup
if ($null -eq $b) { throw 'No cache backup was recorded.' }
New-Item -ItemType Directory -Force -Path ([string]$b.source) | Out-Null
foreach ($name in @($b.files)) { Copy-Item -LiteralPath (Join-Path ([string]$b.copy) ([string]$name)) -Destination ([string]$b.source) -Force }
[pscustomobject]@{ restored = @($b.files).Count } | ConvertTo-Json -Compress
`;

/** The constant scripts, for tests. */
export const CACHE_SCRIPTS = { BACKUP, CLEAR, RESTORE } as const;

/** cache.clear: removes cached bitmaps that can hold a broken state. */
export const cacheClearFix: FixDefinition = {
  id: 'cache.clear',
  runsOn: 'windows',
  verifyChecks: ['client.cache'],
  async prepare(ctx) {
    return {
      backups: [{ kind: 'script', name: 'cache-copy', description: `Copy %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache to ${ctx.backupDir}\\cache`, script: BACKUP, data: { backupDir: ctx.backupDir }, elevation: 'none' }],
      apply: [{ kind: 'script', name: 'cache-delete', description: 'Delete the files in %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache (Remote Desktop Connection must be closed)', script: CLEAR, data: {}, elevation: 'none' }],
      undo: [{ kind: 'script', name: 'cache-restore', description: 'Copy the saved cache files back', script: RESTORE, data: {}, elevation: 'none', withBackup: 'cache-copy' }],
      notes: ['Remote Desktop Connection rebuilds the cache by itself; the first connection afterwards may draw a little slower.'],
    };
  },
};

/** Fix cache.clear: delete the mstsc bitmap cache with mstsc closed, after copying it into the backup folder (docs/windows.md#mstsc-files-mru-and-cache). */
import { z } from 'zod';
import type { FixDefinition } from './types';
import { lazySchema } from '../shared/lazy-schema';

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

// Both folders come from this script and its data; of the backup only the file names are used, and only plain ones.
const RESTORE = String.raw`
$b = $RdpDoctorData.backup
if ($null -eq $b) { throw 'No cache backup was recorded.' }
$names = @(@($b.files) | ForEach-Object { [string]$_ })
foreach ($name in $names) { if ($name -notmatch '^[^\\/:*?"<>|]+$' -or $name -eq '.' -or $name -eq '..') { throw "The cache backup names '$name', which is not a file name; nothing was restored." } }
$src = ${CACHE}
$copy = Join-Path ([Environment]::ExpandEnvironmentVariables([string]$RdpDoctorData.backupDir)) 'cache'
New-Item -ItemType Directory -Force -Path $src | Out-Null
foreach ($name in $names) { Copy-Item -LiteralPath (Join-Path $copy $name) -Destination $src -Force }
[pscustomobject]@{ restored = $names.Count } | ConvertTo-Json -Compress
`;

/** What cache-copy must have recorded before its restore runs: plain file names (the folders are the script's own). */
const CACHE_COPY = lazySchema(() =>
  z.object({
    files: z
      .array(
        z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/)
          .refine((n) => n !== '.' && n !== '..'),
      )
      .max(100_000),
  }),
);

/** The constant scripts, for tests. */
export const CACHE_SCRIPTS = { BACKUP, CLEAR, RESTORE } as const;

/** cache.clear: removes cached bitmaps that can hold a broken state. */
export const cacheClearFix: FixDefinition = {
  id: 'cache.clear',
  runsOn: 'windows',
  verifyChecks: ['client.cache'],
  async prepare(ctx) {
    return {
      backups: [
        {
          kind: 'script',
          name: 'cache-copy',
          description: `Copy %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache to ${ctx.backupDir}\\cache`,
          script: BACKUP,
          data: { backupDir: ctx.backupDir },
          elevation: 'none',
        },
      ],
      apply: [
        {
          kind: 'script',
          name: 'cache-delete',
          description: 'Delete the files in %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache (Remote Desktop Connection must be closed)',
          script: CLEAR,
          data: {},
          elevation: 'none',
        },
      ],
      notes: ['Remote Desktop Connection rebuilds the cache by itself; the first connection afterwards may draw a little slower.'],
    };
  },
  undo: (ctx) => [
    {
      kind: 'script',
      name: 'cache-restore',
      description: 'Copy the saved cache files back',
      script: RESTORE,
      data: { backupDir: ctx.backupDir },
      elevation: 'none',
      withBackup: 'cache-copy',
      backupSchema: CACHE_COPY,
    },
  ],
};

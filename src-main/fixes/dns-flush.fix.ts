/** Fix dns.flush: ipconfig /flushdns, as the user first and elevated only if Windows refuses (docs/windows.md#what-each-fix-changes). */
import type { FixDefinition } from './types';

const FLUSH = String.raw`
# Windows PowerShell 5.1 turns redirected native stderr into terminating errors under 'Stop'; the exit code is checked instead.
$ErrorActionPreference = 'Continue'
$out = & "$env:SystemRoot\System32\ipconfig.exe" /flushdns 2>&1 | Out-String
if ($LASTEXITCODE -ne 0) { throw "ipconfig /flushdns failed (exit $LASTEXITCODE): $out" }
[pscustomobject]@{ flushed = $true } | ConvertTo-Json -Compress
`;

/** The constant script, for tests. */
export const DNS_FLUSH_SCRIPT = FLUSH;

/** dns.flush: forgets cached (possibly stale) name lookups. */
export const dnsFlushFix: FixDefinition = {
  id: 'dns.flush',
  runsOn: 'windows',
  verifyChecks: ['dns.resolve'],
  async prepare() {
    return {
      backups: [],
      apply: [{ kind: 'script', name: 'flushdns', description: 'Empty the DNS resolver cache (ipconfig /flushdns)', script: FLUSH, data: {}, elevation: 'fallback' }],
      notes: ['If the name still resolves to the old address, the stale record is on the DNS server, not on this computer.'],
    };
  },
  undo: () => [{ kind: 'note', name: 'nothing-to-undo', description: 'Nothing to undo: Windows fills the cache again as names are looked up.' }],
};

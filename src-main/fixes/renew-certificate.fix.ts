/** Fix server.renew-certificate: remove ONLY the expired self-signed RDP certificate, then restart SessionEnv so Windows makes a new one (docs/windows.md#certificate-store-and-machinekeys). */
import type { FixDefinition } from './types';

const PICK = "@(Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop' | Where-Object { $_.NotAfter -lt (Get-Date) -and $_.Subject -eq $_.Issuer })";

// The private key is not exportable, so the backup is the public part and the thumbprint.
const BACKUP = String.raw`
$dir = [Environment]::ExpandEnvironmentVariables([string]$RdpDoctorData.backupDir)
New-Item -ItemType Directory -Force -Path $dir | Out-Null
$out = @(foreach ($c in ${PICK}) {
  $file = Join-Path $dir ($c.Thumbprint + '.cer')
  Export-Certificate -Cert $c -FilePath $file -Type CERT | Out-Null
  [pscustomobject]@{ thumbprint = $c.Thumbprint; subject = $c.Subject; notAfter = $c.NotAfter.ToString('o'); exported = $file }
})
ConvertTo-Json -InputObject $out -Depth 3 -Compress
`;

const RENEW = String.raw`
$expired = ${PICK}
if ($expired.Count -eq 0) { throw 'The Remote Desktop store has no expired self-signed certificate; nothing was removed.' }
$removed = @(foreach ($c in $expired) { Remove-Item -LiteralPath ('Cert:\LocalMachine\Remote Desktop\' + $c.Thumbprint); $c.Thumbprint })
Restart-Service -Name SessionEnv -Force
[pscustomobject]@{ removed = $removed } | ConvertTo-Json -Compress
`;

/** The constant scripts, for tests. */
export const RENEW_SCRIPTS = { BACKUP, RENEW } as const;

/** server.renew-certificate: replaces an expired self-signed RDP certificate. */
export const renewCertificateFix: FixDefinition = {
  id: 'server.renew-certificate',
  runsOn: 'windows',
  verifyChecks: ['server.certificate', 'tls.certificate'],
  async prepare(ctx) {
    return {
      backups: [
        {
          kind: 'script',
          name: 'certificate-export',
          description: `Export the public part and thumbprint of each expired self-signed certificate in Cert:\\LocalMachine\\Remote Desktop to ${ctx.backupDir}`,
          script: BACKUP,
          data: { backupDir: ctx.backupDir },
          elevation: 'always',
        },
      ],
      apply: [
        {
          kind: 'script',
          name: 'certificate-remove',
          description:
            'Remove only the expired self-signed certificates from Cert:\\LocalMachine\\Remote Desktop, then restart Remote Desktop Configuration (SessionEnv), which creates a new one',
          script: RENEW,
          data: {},
          elevation: 'always',
        },
      ],
      notes: [
        'Certificates that are still valid, or issued by a certificate authority, are never touched.',
        'Clients that remembered the old certificate will warn once about the new one.',
      ],
    };
  },
  undo: () => [
    {
      kind: 'note',
      name: 'not-restorable',
      isIrreversible: true,
      description:
        'No undo is needed or possible: the old private key could not be exported, and Windows has made a new certificate. The old public certificates stay in the backup folder for the record.',
    },
  ],
};

/** Fix server.restart-termservice: Restart-Service TermService -Force (docs/windows.md#services-and-listener). */
import type { FixDefinition } from './types';

const STATE = String.raw`
$s = @(Get-Service -Name TermService, SessionEnv, UmRdpService -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ name = $_.Name; status = [string]$_.Status; startType = [string]$_.StartType } })
ConvertTo-Json -InputObject $s -Compress
`;

const RESTART = String.raw`
Restart-Service -Name TermService -Force
(Get-Service -Name TermService).WaitForStatus('Running', [TimeSpan]::FromSeconds(60))
[pscustomobject]@{ status = [string](Get-Service -Name TermService).Status } | ConvertTo-Json -Compress
`;

/** The constant scripts, for tests. */
export const TERMSERVICE_SCRIPTS = { STATE, RESTART } as const;

/** The warning every TermService restart carries. */
export const DROPS_SESSIONS = 'Restarting Remote Desktop Services disconnects EVERY Remote Desktop session on the host, including the one you may be using to run this.';

/** server.restart-termservice: restarts the service (and its listener); drops every session. */
export const restartTermserviceFix: FixDefinition = {
  id: 'server.restart-termservice',
  runsOn: 'windows',
  verifyChecks: ['server.listener', 'net.tcp'],
  async prepare() {
    return {
      backups: [{ kind: 'script', name: 'service-state', description: 'Record the state of TermService, SessionEnv and UmRdpService', script: STATE, data: {}, elevation: 'none' }],
      apply: [
        {
          kind: 'script',
          name: 'restart-termservice',
          description: 'Restart Remote Desktop Services (Restart-Service TermService -Force)',
          script: RESTART,
          data: {},
          elevation: 'always',
        },
      ],
      notes: [DROPS_SESSIONS],
    };
  },
  undo: () => [{ kind: 'note', name: 'nothing-to-undo', description: 'Nothing to undo: a restart changes no setting.' }],
};

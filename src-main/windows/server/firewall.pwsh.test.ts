// The firewall collector's own script, run by a real PowerShell against a host described by stand-in NetSecurity cmdlets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { WINDOWS_FIXTURES } from '../../checks/server-test-kit';
import { describeWithPwsh } from '../../test-support/pwsh';
import { buildPowerShellInvocation, interpretOutput, runInvocation } from '../powershell-runner';
import { judgeFirewall, parseFirewall } from './firewall';
import { SERVER_SCRIPTS } from './scripts';

// A host that moved RDP to port 3390 the way Microsoft's steps do (a new rule outside the group, Public profile), with
// the rules a server also carries: disabled, outbound, UDP, another program's and a block rule for another port.
const HOST = String.raw`
function Rule($id, $name, $group, $enabled, $profile, $direction, $action) {
  [pscustomobject]@{ InstanceID = $id; Name = $id; DisplayName = $name; Group = $group; Enabled = $enabled; Profile = $profile; Direction = $direction; Action = $action }
}
$script:hostRules = @(
  (Rule 'RemoteDesktop-UserMode-In-TCP' 'Remote Desktop - User Mode (TCP-In)' '@FirewallAPI.dll,-28752' 'True' 'Any' 'Inbound' 'Allow'),
  (Rule 'RemoteDesktop-UserMode-In-UDP' 'Remote Desktop - User Mode (UDP-In)' '@FirewallAPI.dll,-28752' 'True' 'Any' 'Inbound' 'Allow'),
  (Rule 'RemoteDesktop-Shadow-In-TCP' 'Remote Desktop - Shadow (TCP-In)' '@FirewallAPI.dll,-28752' 'True' 'Any' 'Inbound' 'Allow'),
  (Rule '{6E3A1C2B-0001}' 'RDPPORTLatest-TCP-In' $null 'True' 'Public' 'Inbound' 'Allow'),
  (Rule '{6E3A1C2B-0002}' 'RDPPORTLatest-UDP-In' $null 'True' 'Public' 'Inbound' 'Allow'),
  (Rule 'CoreNet-IPHTTPS-In' 'Core Networking - IPHTTPS (TCP-In)' '@FirewallAPI.dll,-25000' 'True' 'Any' 'Inbound' 'Allow'),
  (Rule 'WINRM-HTTP-In-TCP' 'Windows Remote Management (HTTP-In)' '@FirewallAPI.dll,-35001' 'False' 'Domain, Private' 'Inbound' 'Allow'),
  (Rule 'CoreNet-DNS-Out-UDP' 'Core Networking - DNS (UDP-Out)' '@FirewallAPI.dll,-25000' 'True' 'Any' 'Outbound' 'Allow'),
  (Rule '{6E3A1C2B-0003}' 'Block old SQL port' $null 'True' 'Any' 'Inbound' 'Block')
)
$script:ports = @{
  'RemoteDesktop-UserMode-In-TCP' = @('TCP', @('3389')); 'RemoteDesktop-UserMode-In-UDP' = @('UDP', @('3389')); 'RemoteDesktop-Shadow-In-TCP' = @('TCP', @('Any'))
  '{6E3A1C2B-0001}' = @('TCP', @('3390')); '{6E3A1C2B-0002}' = @('UDP', @('3390')); 'CoreNet-IPHTTPS-In' = @('TCP', @('IPHTTPSIn'))
  'WINRM-HTTP-In-TCP' = @('TCP', @('5985')); 'CoreNet-DNS-Out-UDP' = @('UDP', @('Any')); '{6E3A1C2B-0003}' = @('TCP', @('1433'))
}
function Get-NetFirewallRule { [CmdletBinding()] param([string]$PolicyStore) $script:hostRules }
function Get-NetFirewallPortFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore)
  $script:ports.Keys | ForEach-Object { [pscustomobject]@{ InstanceID = $_; Protocol = $script:ports[$_][0]; LocalPort = $script:ports[$_][1] } } }
function Get-NetFirewallApplicationFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore)
  $script:hostRules | ForEach-Object {
    $p = if ($_.Name -like 'RemoteDesktop-UserMode*') { '%SystemRoot%\system32\svchost.exe' } elseif ($_.Name -like '*Shadow*') { '%SystemRoot%\system32\RdpSa.exe' } else { 'Any' }
    [pscustomobject]@{ InstanceID = $_.InstanceID; Program = $p } } }
function Get-NetFirewallServiceFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore)
  $script:hostRules | ForEach-Object { [pscustomobject]@{ InstanceID = $_.InstanceID; Service = $(if ($_.Name -like 'RemoteDesktop-UserMode*') { 'termservice' } else { 'Any' }) } } }
function Get-NetFirewallAddressFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore)
  $script:hostRules | ForEach-Object { [pscustomobject]@{ InstanceID = $_.InstanceID; RemoteAddress = @('Any') } } }
function Get-NetFirewallProfile { [CmdletBinding()] param([string]$PolicyStore)
  'Domain', 'Private', 'Public' | ForEach-Object { [pscustomobject]@{ Name = $_; Enabled = 'True'; DefaultInboundAction = 'NotConfigured' } } }
function Get-NetConnectionProfile { [CmdletBinding()] param() [pscustomobject]@{ InterfaceAlias = 'Ethernet'; NetworkCategory = 'Public' } }
`;

/** What the collector's script prints on that host. */
async function collect(pwsh: string): Promise<string> {
  const inv = buildPowerShellInvocation(HOST + SERVER_SCRIPTS['server-firewall'].script, {});
  const out = await runInvocation({ ...inv, command: pwsh }, { timeoutMs: 60_000, collector: 'server-firewall' });
  return interpretOutput(out, 'server-firewall', 'json').trim();
}

describeWithPwsh('the firewall collector under real PowerShell', (pwsh) => {
  it('printed the recording of host-custom-port (a host on a Public network that moved RDP to 3390)', async () => {
    const recording = join(WINDOWS_FIXTURES, 'host-custom-port', 'server-firewall.out');
    expect(await collect(pwsh)).toBe(readFileSync(recording, 'utf8').trim());
  });

  it('reads the Remote Desktop group whole and every other enabled inbound TCP rule, joined to its filters', async () => {
    const state = parseFirewall(await collect(pwsh));
    expect(state.rules.map((r) => r.name)).toEqual(['RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP', 'RemoteDesktop-Shadow-In-TCP']);
    // Disabled, outbound and UDP rules are left out; the block rule is kept (a block wins over an allow).
    expect(state.otherRules.map((r) => r.displayName)).toEqual(['RDPPORTLatest-TCP-In', 'Core Networking - IPHTTPS (TCP-In)', 'Block old SQL port']);
    expect(state.otherRules[0]).toMatchObject({ group: null, profile: 'Public', protocol: 'TCP', localPorts: ['3390'], remoteAddresses: ['Any'], program: 'Any', service: 'Any' });
    expect(state.rules[0]).toMatchObject({ group: '@FirewallAPI.dll,-28752', localPorts: ['3389'], program: '%SystemRoot%\\system32\\svchost.exe', service: 'termservice' });

    const moved = judgeFirewall(state, 3390);
    expect(moved).toMatchObject({ isBlocked: false, rulesMissingPort: ['RemoteDesktop-UserMode-In-TCP'], otherAllowRules: ['RDPPORTLatest-TCP-In'] });
    expect(moved.profiles).toEqual([{ profile: 'Public', firewallOn: true, isAllowed: true, allowedBy: ['RDPPORTLatest-TCP-In'], blockedBy: [] }]);
    expect(judgeFirewall(state, 1433)).toMatchObject({ isBlocked: true, profiles: [{ allowedBy: [], blockedBy: ['Block old SQL port'] }] });
  });
});

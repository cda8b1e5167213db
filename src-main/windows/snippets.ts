/** PowerShell pieces several scripts share (each script stays self-contained: the piece is part of its text). */

/**
 * Shared by the scripts that ask CIM-based cmdlets (Get-NetTCPConnection, Get-NetFirewallRule…) for something that may not
 * exist: only the cmdlet's own "no such object" (ObjectNotFound) means empty. -ErrorAction SilentlyContinue also turned
 * access denied or a broken WMI into "nothing listening" / "no rules"; those now fail the collector with their reason.
 */
export const NOT_FOUND_IS_EMPTY = String.raw`
function Get-RdpDoctorOrEmpty([scriptblock]$Query) {
  try { @(& $Query) } catch { if ([string]$_.CategoryInfo.Category -eq 'ObjectNotFound') { @() } else { throw } }
}
`;

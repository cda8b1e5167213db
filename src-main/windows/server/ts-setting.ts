/** Parser for Win32_TSGeneralSetting (RDP-Tcp): the settings in effect after policy (docs/windows.md#win32_tsgeneralsetting). */
import { SERVER_COLLECTORS } from './scripts';
import { badOutput, bool, int, normalizeHex, parseJsonObject, str } from './parse-util';

/** The RDP-Tcp listener's settings as WMI reports them; null fields were absent. */
export interface TsGeneralSetting {
  readonly found: boolean;
  readonly certificateName: string | null;
  readonly sslCertificateSHA1Hash: string | null;
  readonly sslCertificateSHA1HashType: number | null;
  readonly securityLayer: number | null;
  readonly userAuthenticationRequired: number | null;
  readonly minEncryptionLevel: number | null;
  readonly policySourceSecurityLayer: number | null;
  readonly policySourceUserAuthenticationRequired: number | null;
  readonly policySourceMinEncryptionLevel: number | null;
}

/** Parses `server-ts-setting` output; `found:false` means WMI has no RDP-Tcp instance. */
export function parseTsSetting(stdout: string): TsGeneralSetting {
  const root = parseJsonObject(SERVER_COLLECTORS.tsSetting, stdout);
  const found = bool(root, 'found');
  if (found === null) badOutput(SERVER_COLLECTORS.tsSetting, 'no "found" field');
  const ua = root['userAuthenticationRequired'];
  return {
    found,
    certificateName: str(root, 'certificateName') || null,
    sslCertificateSHA1Hash: normalizeHex(str(root, 'sslCertificateSHA1Hash')),
    sslCertificateSHA1HashType: int(root, 'sslCertificateSHA1HashType'),
    securityLayer: int(root, 'securityLayer'),
    // WMI declares it uint32, but some builds hand back a boolean.
    userAuthenticationRequired: typeof ua === 'boolean' ? (ua ? 1 : 0) : int(root, 'userAuthenticationRequired'),
    minEncryptionLevel: int(root, 'minEncryptionLevel'),
    policySourceSecurityLayer: int(root, 'policySourceSecurityLayer'),
    policySourceUserAuthenticationRequired: int(root, 'policySourceUserAuthenticationRequired'),
    policySourceMinEncryptionLevel: int(root, 'policySourceMinEncryptionLevel'),
  };
}

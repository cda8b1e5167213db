/** Server rules about the host's own certificate: expired, private key unreadable, configured thumbprint missing. */
import type { CheckId, FixId } from '../../shared/ids';
import type { Rule } from '../types';
import { ranEvidence } from './evidence';
import { eventSignals, folderBlocksNewKeys } from './server-evidence';

/** The in-use certificate is past its end date. */
const expired: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.certificate');
  if (!e || !e.isExpired) return [];
  const signals = eventSignals(ev);
  const blocked = folderBlocksNewKeys(ev);
  const fixes: FixId[] = blocked ? ['server.reset-machinekeys-acl', 'server.renew-certificate'] : ['server.renew-certificate'];
  const checks: CheckId[] = signals.renewal ? ['server.certificate', 'server.events'] : ['server.certificate'];
  const end = e.notAfter?.slice(0, 10) ?? 'an unknown date';
  return [
    {
      id: 'server-certificate-expired',
      confidence: 0.95,
      explanation: `The security certificate this computer shows to Remote Desktop clients expired on ${end}, so connections are dropped during the secure handshake. Windows normally renews it by itself${blocked ? ', but the permissions of the folder that holds certificate keys differ from the Windows default, which can stop the renewal; repair them first, then renew' : '; renewing it makes Windows create a fresh one'}.`,
      technical: `RDP certificate ${e.inUse ?? '?'}${e.isSelfSigned ? ' (self-signed)' : ''} NotAfter ${e.notAfter ?? '?'}${signals.renewal ? `; RemoteConnectionManager 1057/1058 ×${signals.renewal} (renewal failed)` : ''}.`,
      checks,
      fixes,
      evidence: { thumbprint: e.inUse, notAfter: e.notAfter, renewalFailures: signals.renewal, machineKeysBlocksNewKeys: blocked },
    },
  ];
};

/** TermService (NETWORK SERVICE) cannot read the certificate's private key: ACL, and/or Schannel 36870 with 1057/1058. */
const keyInaccessible: Rule = (ev) => {
  const key = ranEvidence(ev, 'server.machinekeys')?.key ?? null;
  // A certificate in use whose key file cannot be found is as unusable as one whose file cannot be read.
  const missing = key !== null && key.keyFile === null;
  const denied = key?.networkServiceCanRead === false || missing;
  const s = eventSignals(ev);
  const both = s.keyAccess > 0 && s.renewal > 0;
  if (!denied && s.keyAccess === 0) return [];
  const blocked = folderBlocksNewKeys(ev);
  const fixes: FixId[] = blocked ? ['server.repair-key-permissions', 'server.reset-machinekeys-acl'] : ['server.repair-key-permissions'];
  const checks: CheckId[] = [...(denied ? (['server.machinekeys'] as const) : []), ...(s.keyAccess ? (['server.events'] as const) : [])];
  const contradictions = !denied && key?.networkServiceCanRead === true ? ["The key file's permissions do let NETWORK SERVICE read it."] : [];
  const confidence = denied ? (both ? 0.95 : 0.9) : both ? 0.6 : 0.4;
  return [
    {
      id: 'server-certificate-key-inaccessible',
      confidence,
      explanation:
        "The Remote Desktop service on this computer cannot open the secret key that belongs to its certificate, so it cannot set up the secure connection and hangs up. The key file's permissions need repairing.",
      technical:
        [
          denied ? `NETWORK SERVICE (S-1-5-20) lacks read on ${key?.keyFile ?? 'the key file (not found)'}` : null,
          s.keyAccess ? `Schannel 36870 ×${s.keyAccess}` : null,
          s.renewal ? `RemoteConnectionManager 1057/1058 ×${s.renewal}` : null,
        ]
          .filter(Boolean)
          .join('; ') + '.',
      checks,
      fixes,
      evidence: { keyFile: key?.keyFile ?? null, networkServiceCanRead: key?.networkServiceCanRead ?? null, schannel36870: s.keyAccess, rcm10571058: s.renewal },
      contradictions,
    },
  ];
};

/** SSLCertificateSHA1Hash names a certificate that is not on the host. */
const hashDangling: Rule = (ev) => {
  const e = ranEvidence(ev, 'server.certificate');
  if (!e || !e.isHashDangling) return [];
  return [
    {
      id: 'server-certificate-hash-dangling',
      confidence: 0.9,
      explanation:
        'Remote Desktop on this computer is set to use a specific certificate that no longer exists (it was probably replaced or deleted), so it has nothing to secure connections with. IT needs to select the new certificate or remove the setting so Windows uses its own.',
      technical: `RDP-Tcp SSLCertificateSHA1Hash=${e.danglingHash ?? '?'} matches no certificate in LocalMachine\\My or Remote Desktop.`,
      checks: ['server.certificate'],
      fixes: [],
      evidence: { danglingHash: e.danglingHash },
    },
  ];
};

/** The certificate rules of the host side. */
export const serverCertificateRules: readonly Rule[] = [expired, keyInaccessible, hashDangling];

/** Check server.machinekeys: can NETWORK SERVICE read the RDP certificate's key, and does MachineKeys keep its default ACL? */
import { describeAce, machineKeysDeviations } from '../windows/server/acl';
import { judgeCertificate, parseCertificates } from '../windows/server/certificate';
import { parseMachineKeys } from '../windows/server/machinekeys';
import { parseTsSetting } from '../windows/server/ts-setting';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector, readOptional } from './server-host';

/**
 * server.machinekeys. Fails when the key file of the certificate in use does not let NETWORK SERVICE (S-1-5-20,
 * the TermService account) read it, or the key cannot be found; warns when the MachineKeys folder's ACL differs
 * from Microsoft's default (KB 278381).
 * Evidence: `{ folder: { path, exists, owner, aces: string[], deviations: string[] }, key: { thumbprint, keyFile,
 * keyProvider, keyOpenError, aces: string[], networkServiceCanRead: boolean|null }|null, rdpKeyFiles: string[],
 * isElevated: boolean|null }`.
 */
export const serverMachinekeysCheck = defineHostCheck('server.machinekeys', async (ctx) => {
  const folder = await readCollector(ctx, SERVER_COLLECTORS.machineKeys, parseMachineKeys);
  const certs = await readCollector(ctx, SERVER_COLLECTORS.certificate, parseCertificates);
  const wmi = await readOptional(ctx, SERVER_COLLECTORS.tsSetting, parseTsSetting);
  const v = judgeCertificate(certs, wmi?.found ? wmi.sslCertificateSHA1Hash : null, ctx.now());
  const deviations = folder.acl ? machineKeysDeviations(folder.acl) : [];
  const c = v.inUse;
  const evidence = {
    folder: {
      path: folder.path,
      exists: folder.exists,
      owner: folder.acl?.owner ?? null,
      aces: folder.acl?.aces.map(describeAce) ?? [],
      deviations,
    },
    key: c
      ? {
          thumbprint: c.thumbprint,
          keyFile: c.keyFile,
          keyProvider: c.keyProvider,
          keyOpenError: c.keyOpenError,
          aces: c.keyAcl?.aces.map(describeAce) ?? [],
          networkServiceCanRead: v.networkServiceCanReadKey,
        }
      : null,
    rdpKeyFiles: folder.rdpKeyFiles,
    isElevated: certs.isElevated,
  };
  if (!folder.exists) return { status: 'fail', summary: `The MachineKeys folder ${folder.path} is missing.`, evidence };
  if (c && v.networkServiceCanReadKey === false) {
    return { status: 'fail', summary: `NETWORK SERVICE cannot read the private key of the RDP certificate (${c.keyFile ?? c.thumbprint}).`, evidence };
  }
  if (c && c.hasPrivateKey && !c.keyFile) {
    return { status: 'fail', summary: `The private key file of the RDP certificate was not found${c.keyOpenError ? ` (${c.keyOpenError})` : ''}.`, evidence };
  }
  if (deviations.length) return { status: 'warn', summary: `MachineKeys permissions differ from the Windows default: ${deviations.join('; ')}.`, evidence };
  if (!c) return { status: 'pass', summary: 'MachineKeys has its default permissions; there is no RDP certificate key to test.', evidence };
  if (v.networkServiceCanReadKey === null) {
    const hint = certs.isElevated === false ? ' Run RDP Doctor as administrator to read them.' : '';
    return { status: 'warn', summary: `The RDP key file permissions could not be read.${hint}`, evidence };
  }
  return { status: 'pass', summary: 'NETWORK SERVICE can read the RDP certificate key; MachineKeys has its default permissions.', evidence };
});

/** Fix client.credssp-oracle: AllowEncryptionOracle=2 ("Vulnerable"), Microsoft's insecure workaround (docs/windows.md#credssp-encryption-oracle). */
import { KEYS, registryFix } from './registry-fix';

/** client.credssp-oracle: lets this computer talk to an unpatched host; insecure, undo after patching. */
export const clientCredsspOracleFix = registryFix({
  id: 'client.credssp-oracle',
  verifyChecks: ['client.policy'],
  change: () => ({ regKey: KEYS.credSsp, values: [{ name: 'AllowEncryptionOracle', value: 2 }], elevated: true }),
  notes: () => ['INSECURE: Microsoft calls this a temporary workaround. The real fix is installing the May 2018 (or later) updates on both computers, then undoing this change.'],
});

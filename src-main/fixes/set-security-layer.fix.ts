/** Fix server.set-security-layer: SecurityLayer 0 RDP / 1 Negotiate / 2 TLS on RDP-Tcp (docs/windows.md#remote-desktop-registry-values). */
import { BadInputError } from '../shared/errors';
import { KEYS, registryFix } from './registry-fix';
import type { UndoContext } from './types';

const NAMES = ['RDP security', 'Negotiate', 'TLS'] as const;

/** The layer the option asks for; default 1 (Negotiate, the Windows default). */
export function securityLayerOf(ctx: Pick<UndoContext, 'option'>): 0 | 1 | 2 {
  const raw = (ctx.option ?? '1').trim().toLowerCase();
  const byName: Record<string, 0 | 1 | 2> = { '0': 0, rdp: 0, '1': 1, negotiate: 1, '2': 2, tls: 2, ssl: 2 };
  const layer = byName[raw];
  if (layer === undefined) throw new BadInputError('The security layer must be 0 (RDP), 1 (Negotiate) or 2 (TLS).');
  return layer;
}

/** server.set-security-layer: option "0", "1" or "2". */
export const setSecurityLayerFix = registryFix({
  id: 'server.set-security-layer',
  verifyChecks: ['server.security-layer', 'rdp.negotiation', 'tls.handshake'],
  change: (ctx) => ({ regKey: KEYS.rdpTcp, values: [{ name: 'SecurityLayer', value: securityLayerOf(ctx) }], policyKey: KEYS.tsPolicy, elevated: true }),
  notes: (ctx) => [`The host will use: ${NAMES[securityLayerOf(ctx)]}.`],
  securityCost: (ctx) =>
    securityLayerOf(ctx) === 0
      ? 'Old RDP security does not verify the server with a certificate, so someone in the middle can read the session. Use it only for a short test.'
      : null,
});

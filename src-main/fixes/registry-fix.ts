/** Builds a FixDefinition for a fix that is one registry change (NLA, security layer, RDP on, TLS 1.2, UDP, CredSSP oracle). */
import type { CheckId, FixId } from '../shared/ids';
import { registrySteps, type RegistryChange } from './registry-steps';
import type { FixContext, FixDefinition, UndoContext } from './types';

/** The parts of a registry fix that vary. */
export interface RegistryFixSpec {
  readonly id: FixId;
  readonly verifyChecks: readonly CheckId[];
  /** Also what an undo is rebuilt from, so it reads only the target and the option. */
  change(ctx: UndoContext): RegistryChange;
  notes?(ctx: FixContext): string[];
  securityCost?(ctx: FixContext): string | null | undefined;
}

/** A registry fix: snapshot of the changed values, reg add, exact restore. */
export function registryFix(spec: RegistryFixSpec): FixDefinition {
  return {
    id: spec.id,
    runsOn: 'windows',
    verifyChecks: spec.verifyChecks,
    async prepare(ctx) {
      const change = spec.change(ctx);
      const { backups, apply } = registrySteps(change);
      const cost = spec.securityCost?.(ctx);
      return {
        backups,
        apply,
        notes: [
          ...(spec.notes?.(ctx) ?? []),
          ...(change.policyKey ? [`A Group Policy value under ${change.policyKey} overrides this setting; on a domain the policy may also put the old value back.`] : []),
        ],
        ...(cost !== undefined ? { securityCost: cost } : {}),
      };
    },
    undo: (ctx) => registrySteps(spec.change(ctx)).undo,
  };
}

/** Registry keys the fixes change (docs/windows.md#remote-desktop-registry-values), spelled as reg.exe expects. */
export const KEYS = {
  terminalServer: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
  rdpTcp: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp',
  tsPolicy: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services',
  tsClientPolicy: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
  credSsp: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters',
  tls12Server: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server',
} as const;

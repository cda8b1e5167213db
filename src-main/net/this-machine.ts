/** Whether a target names a given computer — the one we run on, or a recorded one: one answer for host checks, host fixes and replays. */
import { hostname, networkInterfaces } from 'node:os';
import { ipFamily } from '../shared/ip';

/** A computer as a target may name it: its name and its own interface addresses (lower-case). */
export interface MachineIdentity {
  readonly name: string;
  readonly addresses: readonly string[];
}

/** The computer this process runs on. */
export function thisMachine(): MachineIdentity {
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => i.address.toLowerCase());
  return { name: hostname(), addresses };
}

/**
 * True when `host` names `machine`: localhost, 127.0.0.0/8, ::1, the machine's name (short or full, in any
 * case, with or without the root dot), or one of its own interface addresses.
 */
export function namesMachine(host: string, machine: MachineIdentity = thisMachine()): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (ipFamily(h) !== 0) {
    if (h.startsWith('127.') && ipFamily(h) === 4) return true;
    if (h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h)) return true;
    return machine.addresses.includes(h);
  }
  const local = machine.name.trim().toLowerCase();
  if (local === '') return false;
  const short = (s: string) => s.split('.')[0] ?? s;
  return h === local || short(h) === short(local);
}

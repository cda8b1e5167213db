/** Where RDP Doctor keeps its own files: known hosts, recent targets, the fix journal. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The data folder: RDP_DOCTOR_HOME when set (tests), else the platform's per-user config folder. */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['RDP_DOCTOR_HOME']) return env['RDP_DOCTOR_HOME'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'RDP Doctor');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'RDP Doctor');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'rdp-doctor');
}

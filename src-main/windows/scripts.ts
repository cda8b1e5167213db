/** Every collector script by name: the client table and the server table merged (each side owns its file). */
import type { CollectorScript, CollectorTable } from './collector';
import { CLIENT_SCRIPTS } from './client/scripts';
import { SERVER_SCRIPTS } from './server/scripts';

/** Merges collector tables; a name defined twice is a programming error caught at start-up and in tests. */
export function mergeCollectorTables(...tables: readonly CollectorTable[]): CollectorTable {
  const merged: Record<string, CollectorScript> = {};
  for (const table of tables) {
    for (const [name, script] of Object.entries(table)) {
      if (name in merged) throw new Error(`Collector ${name} is defined twice.`);
      merged[name] = script;
    }
  }
  return merged;
}

/** All collectors PowerShell can run. */
export const COLLECTOR_SCRIPTS: CollectorTable = mergeCollectorTables(CLIENT_SCRIPTS, SERVER_SCRIPTS);

/** What a collector is: a constant PowerShell script and the kind of text it prints. */

/** One collector's script. The text is a constant in the repo; user values reach it only as `$RdpDoctorData`. */
export interface CollectorScript {
  /** The PowerShell body run after the runner's fixed preamble. */
  readonly script: string;
  /** `json`: the script prints one `ConvertTo-Json -Compress` document; `text`: anything. */
  readonly output: 'json' | 'text';
  /** Overrides the runner's default time limit for slow collectors (event logs). */
  readonly timeoutMs?: number;
}

/** A table of collectors by name; names are file-name safe because replay reads `<name>.out`. */
export type CollectorTable = Readonly<Record<string, CollectorScript>>;

/** Collector names: lower-case letters, digits, dots and dashes (they become replay file names). */
export const COLLECTOR_NAME = /^[a-z0-9][a-z0-9.-]{0,79}$/;

/** True when `name` is usable as a collector name (and so as a replay file name). */
export function isCollectorName(name: string): boolean {
  return COLLECTOR_NAME.test(name) && !name.includes('..');
}

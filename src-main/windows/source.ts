/** The interface checks use to read local Windows state, whether from PowerShell or a recorded machine. */

/** Which side of the connection the local (or recorded) machine is. */
export type MachineRole = 'client' | 'host' | 'unknown';

/** Reads one collector's raw output; the collector's pure parser interprets it. */
export interface WindowsSource {
  /** Where the answers come from: `powershell` on Windows, or the replay folder. */
  readonly origin: 'powershell' | 'replay';
  /** The replay folder, when replaying a recorded machine's folder. */
  readonly replayDir: string | null;
  /** True when the answers come from a host evidence file (collect-host.ps1's one file of a remote host's state). */
  readonly fromHostEvidence?: boolean;
  /** The recorded machine's role (from its machine.json); `unknown` for live PowerShell. */
  readonly machineRole: MachineRole;
  /**
   * When the recorded machine was captured (machine.json `recordedAt`): its certificates, event windows and
   * ages are judged as of then. Null or absent for live PowerShell, whose answers are as of now.
   */
  readonly recordedAt?: Date | null;
  /**
   * Runs collector `name` with `data` passed as data (never spliced into script text) and returns
   * its stdout as text (the script's `ConvertTo-Json` output, or a tool's text such as cmdkey's).
   * Throws WindowsCollectorError on access denied, missing cmdlet, timeout, non-JSON or a missing recording.
   */
  collect(name: string, data: Record<string, unknown>, signal: AbortSignal): Promise<string>;
}

/** The interface checks use to read local Windows state, whether from PowerShell or a recorded machine. */

/** Reads one collector's raw output; the collector's pure parser interprets it. */
export interface WindowsSource {
  /** Where the answers come from: `powershell` on Windows, or the replay folder. */
  readonly origin: 'powershell' | 'replay';
  /** The replay folder, when replaying. */
  readonly replayDir: string | null;
  /** Runs collector `name` with `data` passed as data (never spliced into script text). */
  collect(name: string, data: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
}

/** The command line's help text and its exit codes (docs/contract.md#command-line). */

/** Exit codes of `rdp-doctor` (docs/contract.md#exit-codes). */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** Thrown for bad usage or bad input: printed as one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `rdp-doctor --help`. */
export const HELP = `rdp-doctor — find out why Remote Desktop refuses to connect, and fix it

Usage:
  rdp-doctor diagnose <target>... [--targets FILE] [--rdp-file FILE] [--gateway HOST] [--error CODES]
                      [--timeout MS] [--json] [--report FILE [--force]] [--redact] [--host-evidence FILE]
  rdp-doctor decode <code> [<extended-code>] [--json]     codes, or the dialog's whole text
  rdp-doctor rdp-file check FILE [--json]
  rdp-doctor rdp-file clean <target | FILE.rdp> [--fallback] [--use-ip] -o FILE [--dry-run] [--force]
  rdp-doctor fix <fix-id> --target <target> [--dry-run] [--yes] [--json]
  rdp-doctor decode-support <code>                         the support-mode result code
  rdp-doctor ui [--browser] [--no-open] [--port N]
  rdp-doctor scripts export DIR                            every PowerShell script the app can run

Commands:
  diagnose        run every check against one or more targets (host, host:port, [ipv6]:port, rdp:// link,
                  mstsc /v:host, or .rdp file); --rdp-file FILE alone diagnoses the computer the file names;
                  several targets print in the order given, then a summary table; with --json each report is
                  one line (JSON Lines), in the order given;
                  --report writes .html, .pdf or .json by its extension, checked before the checks run (a
                  link, folder or existing file is refused; --force replaces a file that is not read-only,
                  keeping it as FILE.bak); --redact replaces names, addresses,
                  users and other identifying details by pseudonyms (host-1, user-1) in everything it prints
                  and writes; --host-evidence reads the file collect-host.ps1 wrote on the host (see scripts
                  export) and judges the host from it, beside the live network checks
  decode          explain the two numbers of the error dialog (e.g. 0x904 0x7)
  rdp-file        check a .rdp file, or write a clean one for a computer or from an existing file (which keeps
                  what reaches the host: address, port, gateway, broker, AVD and RemoteApp keys; a signed file
                  loses its signature, said before writing): the security cost is shown first; --dry-run prints
                  the file instead of writing it; -o - writes it to stdout; an existing FILE (or a link,
                  folder or read-only file) is refused unless --force, which keeps it as FILE.bak (or
                  FILE.1.bak, …) before replacing it atomically; --force never replaces a read-only file
  fix             preview (--dry-run) or apply one fix by id; it asks before applying, --yes answers for it
                  (needed when not on a terminal)
  decode-support  turn a support-mode result code back into the verdict
  ui              open the dashboard (Electron window, or --browser for the browser on 127.0.0.1)
  scripts export  write every PowerShell script the app can run on Windows, exactly as it runs them, into DIR (new or
                  empty) as .ps1 files with index.json saying what each is: for review before the app is allowed to run

Exit codes: 0 no finding of severity medium or above, 1 findings, 2 bad usage or input, 3 internal error.
Environment: RDP_DOCTOR_REPLAY=<folder> answers Windows checks from a recorded machine.
`;

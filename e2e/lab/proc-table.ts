import { readdirSync, readFileSync } from 'node:fs';

/** One live process as read from /proc. */
export interface OurProcess {
  pid: number;
  ppid: number;
  pgid: number;
  name: string;
  cmdline: string;
}

interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  name: string;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may contain spaces or ')', so split after the last ')'.
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]), name };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Value of one environment variable of a process (undefined if unset or unreadable). */
export function envOf(pid: number, name: string): string | undefined {
  try {
    const entry = readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .find((e) => e.startsWith(`${name}=`));
    return entry?.slice(name.length + 1);
  } catch {
    return undefined;
  }
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** Live (non-zombie) processes, except this one, for which keep(pid, pgid) is true. */
export function scanProcesses(keep: (pid: number, pgid: number) => boolean): OurProcess[] {
  const rows: OurProcess[] = [];
  for (const pid of allPids()) {
    if (pid === process.pid) continue;
    const stat = readStat(pid);
    if (!stat || stat.state === 'Z' || !keep(pid, stat.pgid)) continue;
    rows.push({ pid, ppid: stat.ppid, pgid: stat.pgid, name: stat.name, cmdline: cmdlineOf(pid) });
  }
  return rows;
}

/** Live (non-zombie) members of a process group. */
export function groupMembers(pgid: number): number[] {
  return scanProcesses((_pid, group) => group === pgid).map((row) => row.pid);
}

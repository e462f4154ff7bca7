/**
 * CPU time and memory of processes, read from /proc (Linux). No dependency: pidusage is not needed.
 *
 * - cpuSeconds(pid): user + system time of the process itself.
 * - postgresCpuSeconds(postmasterPid): the whole PostgreSQL server: the postmaster's own time, the
 *   time of its children that have already exited (cutime + cstime, e.g. pool connections that were
 *   closed), and the time of every live child (backends, checkpointer, walwriter, autovacuum…).
 * - memory(pid): current resident set (VmRSS) and its peak since the process started (VmHWM).
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

let tick: number | null = null;
function clockTick(): number {
  if (tick === null) {
    try {
      tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      tick = 100;
    }
  }
  return tick;
}

interface Stat {
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

function readStat(pid: number): Stat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name is in parentheses and may itself contain spaces or parentheses.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field n is rest[n - 3].
  return {
    ppid: Number(rest[1]),
    utime: Number(rest[11]),
    stime: Number(rest[12]),
    cutime: Number(rest[13]),
    cstime: Number(rest[14]),
  };
}

export function procAvailable(): boolean {
  return fs.existsSync(`/proc/${process.pid}/stat`);
}

/** User + system CPU seconds of one process (null when it is gone or /proc is unreadable). */
export function cpuSeconds(pid: number): number | null {
  const s = readStat(pid);
  return s ? (s.utime + s.stime) / clockTick() : null;
}

function childrenOf(ppid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const s = readStat(Number(e));
    if (s && s.ppid === ppid) out.push(Number(e));
  }
  return out;
}

/** CPU seconds of a PostgreSQL server: postmaster + exited children + live children. */
export function postgresCpuSeconds(postmasterPid: number): number | null {
  const pm = readStat(postmasterPid);
  if (!pm) return null;
  let ticks = pm.utime + pm.stime + pm.cutime + pm.cstime;
  for (const child of childrenOf(postmasterPid)) {
    const s = readStat(child);
    if (s) ticks += s.utime + s.stime;
  }
  return ticks / clockTick();
}

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

export function memory(pid: number): Memory | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** The postmaster of a PostgreSQL server we can reach: the parent of our own backend, if it is on this machine. */
export function postmasterOfBackend(backendPid: number): number | null {
  const s = readStat(backendPid);
  if (!s) return null;
  const parent = readStat(s.ppid);
  return parent ? s.ppid : null;
}

/** Samples a process's resident memory every `everyMs`, keeping the maximum seen. */
export class RssSampler {
  private timer: NodeJS.Timeout;
  maxRssMb = 0;
  constructor(
    private pid: number,
    everyMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }
  sample(): void {
    const m = memory(this.pid);
    if (m && m.rssMb > this.maxRssMb) this.maxRssMb = m.rssMb;
  }
  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

/** Fraction (0..1) of the machine's CPU time that was busy over `ms` milliseconds (/proc/stat). */
export async function machineBusy(ms = 2000): Promise<number | null> {
  const read = () => {
    try {
      const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
      const v = line.trim().split(/\s+/).slice(1).map(Number);
      const idle = v[3] + (v[4] ?? 0);
      return { idle, total: v.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  if (!a || !b || b.total === a.total) return null;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

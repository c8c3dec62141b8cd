import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

// Resident memory of another process, from Linux's /proc: what the kernel charges it, native allocations
// (libvips, glibc arenas) included, which the process's own heap statistics do not see.

/**
 * The pid of this process's child whose command line contains `match` (a server started by startProcess
 * runs as a direct child). Throws when there is none.
 */
export function childPid(match: string): number {
  const self = String(process.pid);
  const children = readdirSync(`/proc/${self}/task`).flatMap((task) =>
    readFileSync(`/proc/${self}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
  );
  for (const pid of children) {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    if (commandLine.includes(match)) return Number(pid);
  }
  throw new Error(`no child process running ${match}`);
}

export interface Memory {
  /** Resident now (VmRSS), bytes. */
  rss: number;
  /** The most it has been resident (VmHWM) since it started or since resetPeak, bytes. */
  peak: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]) * 1024;
  };
  return { rss: kilobytes('VmRSS'), peak: kilobytes('VmHWM') };
}

/** Starts VmHWM again from the present resident size (Linux ≥ 4.0), so that a later peak is this run's. */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export interface MemorySamples {
  /** The highest resident size read, bytes. */
  sampledPeak: number;
  /** The kernel's high-water mark (VmHWM), which also catches a peak between two readings, bytes. */
  peak: number;
  /** Every reading: milliseconds since sampling started, resident bytes. */
  series: { ms: number; rss: number }[];
}

/**
 * Reads the process's resident size every `everyMs` until stopped. `cancel` stops without reading, for
 * when the process may be gone.
 */
export function sampleMemory(pid: number, everyMs: number) {
  const started = performance.now();
  const series = [{ ms: 0, rss: memoryOf(pid).rss }];
  const timer = setInterval(() => {
    try {
      series.push({ ms: Math.round(performance.now() - started), rss: memoryOf(pid).rss });
    } catch {
      clearInterval(timer); // the process ended; whoever started it hears why
    }
  }, everyMs);
  return {
    stop(): MemorySamples {
      clearInterval(timer);
      const now = memoryOf(pid);
      series.push({ ms: Math.round(performance.now() - started), rss: now.rss });
      const sampledPeak = Math.max(...series.map((sample) => sample.rss));
      return { sampledPeak, peak: now.peak, series };
    },
    cancel(): void {
      clearInterval(timer);
    },
  };
}

export const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

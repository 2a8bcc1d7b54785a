import type { Process } from '@kandelo/kernel-core';
import { DEFAULT_FILESYSTEMS, DEFAULT_OS_RELEASE, DEFAULT_OS_VERSION, type ProcSource } from './proc-source.js';

/**
 * The system-wide text files of /proc, in Linux's formats (fs/proc/*.c). kandelo meters no CPU
 * time and keeps no load average: those read as idle, with the counts that are known filled in.
 */

const NS = 1_000_000_000n;
const TICK_NS = 10_000_000n; // USER_HZ 100

/** "12345.67": seconds with two decimals, as /proc/uptime prints them. */
function seconds(ns: bigint): string {
  const cs = ns / TICK_NS;
  return `${cs / 100n}.${String(cs % 100n).padStart(2, '0')}`;
}

function liveProcesses(src: ProcSource): Process[] {
  return [...src.processes()].filter((p) => !p.zombie);
}

/** Threads running user code now (not parked in a call), and all threads of live processes. */
function threadCounts(src: ProcSource): { running: number; total: number } {
  let running = 0;
  let total = 0;
  for (const p of liveProcesses(src)) {
    for (const t of p.threads.values()) {
      total++;
      if (!t.parked && !p.stopSignal) running++;
    }
  }
  return { running, total };
}

const lastPid = (src: ProcSource): number => {
  let max = 0;
  for (const p of src.processes()) if (p.pid > max) max = p.pid;
  return max;
};

/** /proc/meminfo: "Label:" padded to 16 columns, the value in kB right-aligned in 8. */
export function meminfo(src: ProcSource): string {
  const total = src.memoryTotal();
  const free = Math.min(src.memoryFree(), total);
  const used = total - free;
  const rows: [string, number][] = [
    ['MemTotal', total], ['MemFree', free], ['MemAvailable', free], ['Buffers', 0], ['Cached', 0],
    ['SwapCached', 0], ['Active', used], ['Inactive', 0], ['SwapTotal', 0], ['SwapFree', 0], ['Dirty', 0],
    ['Writeback', 0], ['AnonPages', used], ['Mapped', 0], ['Shmem', 0], ['Slab', 0], ['SReclaimable', 0],
    ['SUnreclaim', 0], ['KernelStack', 0], ['PageTables', 0], ['CommitLimit', total], ['Committed_AS', used],
    ['VmallocTotal', 0], ['VmallocUsed', 0], ['VmallocChunk', 0],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(16)}${String(Math.floor(v / 1024)).padStart(8)} kB\n`).join('');
}

/** /proc/cpuinfo: one block per logical CPU, blank line after each (x86's layout, which most parsers expect). */
export function cpuinfo(src: ProcSource): string {
  const n = Math.max(1, src.cpus);
  let out = '';
  for (let i = 0; i < n; i++) {
    out +=
      `processor\t: ${i}\n` +
      'vendor_id\t: kandelo\n' +
      'model name\t: WebAssembly virtual CPU\n' +
      `physical id\t: 0\nsiblings\t: ${n}\ncore id\t\t: ${i}\ncpu cores\t: ${n}\n` +
      `apicid\t\t: ${i}\n` +
      'fpu\t\t: yes\n' +
      'flags\t\t: \n' +
      'bogomips\t: 1000.00\n' +
      'address sizes\t: 32 bits physical, 32 bits virtual\n\n';
  }
  return out;
}

/** /proc/uptime: seconds since boot and idle seconds summed over CPUs (not metered: 0). */
export function uptime(src: ProcSource): string {
  return `${seconds(src.uptimeNs())} ${seconds(0n)}\n`;
}

/** /proc/loadavg: three averages (not kept: 0.00), running/total threads, the last pid. */
export function loadavg(src: ProcSource): string {
  const { running, total } = threadCounts(src);
  return `0.00 0.00 0.00 ${running}/${total} ${lastPid(src)}\n`;
}

export const osRelease = (src: ProcSource): string => src.osRelease ?? DEFAULT_OS_RELEASE;
export const osVersion = (src: ProcSource): string => src.osVersion ?? DEFAULT_OS_VERSION;

/** /proc/version. */
export function version(src: ProcSource): string {
  return `Linux version ${osRelease(src)} (kandelo@kandelo) (clang, wasm-ld) ${osVersion(src)}\n`;
}

/** /proc/stat: CPU times (all idle), boot time (ps needs btime for start times), process counts. */
export function systemStat(src: ProcSource): string {
  const n = Math.max(1, src.cpus);
  const up = src.uptimeNs();
  const idle = up / TICK_NS;
  const cpu = (name: string, idleTicks: bigint) => `${name} 0 0 0 ${idleTicks} 0 0 0 0 0 0\n`;
  let out = cpu('cpu ', idle * BigInt(n));
  for (let i = 0; i < n; i++) out += cpu(`cpu${i}`, idle);
  const { running } = threadCounts(src);
  const btime = (src.realtimeNs() - up) / NS;
  out += `intr 0\nctxt 0\nbtime ${btime}\nprocesses ${lastPid(src)}\nprocs_running ${running}\nprocs_blocked 0\n`;
  out += 'softirq 0 0 0 0 0 0 0 0 0 0 0\n';
  return out;
}

/** /proc/filesystems: "nodev" (or nothing) TAB name. */
export function filesystems(src: ProcSource): string {
  return (src.filesystems?.() ?? DEFAULT_FILESYSTEMS).map((f) => `${f.nodev ? 'nodev' : ''}\t${f.name}\n`).join('');
}

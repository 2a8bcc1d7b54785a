import { commOf, encodeLossless, PAGE_SIZE, type Process, type ProcessMemory, RLIMIT, SIG_DFL, SIG_IGN, SIGNALS, type Thread } from '@kandelo/kernel-core';
import type { ProcSource } from './proc-source.js';

/**
 * The per-process text files whose numbers describe the process: stat, status, statm, limits,
 * comm. Formats follow Linux's fs/proc/array.c field for field, so ps, top and friends parse
 * them; what kandelo does not meter (faults, CPU split, context switches) reads as 0.
 */

/** USER_HZ: clock ticks per second (times(), AT_CLKTCK). */
const HZ = 100n;
const TICK_NS = 1_000_000_000n / HZ;
/** CAP_LAST_CAP 40: every capability bit. */
const ALL_CAPS = 0x1ffffffffffn;
/** Linux's PF_RANDOMIZE, set on every user process. */
const PF_RANDOMIZE = 0x400000;
/** unsigned long RLIM_INFINITY on this 32-bit ABI. */
const RLIM_INFINITY_32 = 0xffffffff;

/** The one-letter state and its status(5) description. */
export function stateOf(p: Process): [string, string] {
  if (p.zombie) return ['Z', 'zombie'];
  if (p.stopSignal) return ['T', 'stopped'];
  for (const t of p.threads.values()) if (!t.parked) return ['R', 'running'];
  return ['S', 'sleeping'];
}

/**
 * Bytes of linear memory (virtual size and resident set alike); 0 once the image is gone. Read
 * from the memory itself: ProcessMemory's views are refreshed lazily after another agent grows it.
 */
export function memoryBytes(p: Process): number {
  if (p.zombie) return 0;
  return (p.memory as ProcessMemory | undefined)?.memory.buffer.byteLength ?? 0;
}

/** The thread standing for the process in per-thread fields (the main thread, while it lives). */
const leader = (p: Process): Thread | undefined => p.threads.get(p.pid) ?? p.threads.values().next().value;

/** Ignored and caught signal sets from the dispositions. */
function dispositions(p: Process): { ignored: bigint; caught: bigint } {
  let ignored = 0n;
  let caught = 0n;
  p.signals.actions.forEach((a, sig) => {
    if (sig === 0) return;
    const bit = 1n << BigInt(sig - 1);
    if (a.handler === SIG_IGN) ignored |= bit;
    else if (a.handler !== SIG_DFL) caught |= bit;
  });
  return { ignored, caught };
}

const ticks = (ns: bigint): bigint => (ns > 0n ? ns / TICK_NS : 0n);
const kb = (bytes: number): string => `${String(Math.ceil(bytes / 1024)).padStart(8)} kB`;
const hex16 = (b: bigint): string => b.toString(16).padStart(16, '0');
/** The low word of a signal set, as /proc/<pid>/stat prints it (sig[0] & 0x7fffffff). */
const lowSigs = (b: bigint): number => Number(b & 0x7fffffffn);
const rlim = (v: number): number => (v === Infinity ? RLIM_INFINITY_32 : v);

/** /proc/<pid>/stat: 52 fields on one line. */
export function pidStat(p: Process, src: ProcSource): string {
  const [state] = stateOf(p);
  const t = leader(p);
  const live = !p.zombie;
  const size = memoryBytes(p);
  const tty = live ? src.terminal?.(p) : undefined;
  const { ignored, caught } = dispositions(p);
  const pending = (t?.pendingSignals ?? 0n) | p.signals.pending;
  const mm = live ? p.mm : undefined;
  const fields: (string | number | bigint)[] = [
    p.pid, `(${commOf(p)})`, state, p.ppid, p.pgid, p.sid, tty?.rdev ?? 0, tty?.pgrp ?? -1, PF_RANDOMIZE,
    0, 0, 0, 0, // minflt cminflt majflt cmajflt
    // utime: wall time since start, as times() reports it until CPU time is metered.
    live ? ticks(src.uptimeNs() - p.startNs) : 0, 0, 0, 0, // utime stime cutime cstime
    20, 0, Math.max(1, p.threads.size), 0, // priority nice num_threads itrealvalue
    ticks(p.startNs), size, Math.ceil(size / PAGE_SIZE), rlim(p.rlimits[RLIMIT.RSS]![0]),
    // startcode endcode: 1 when code is not in the address space (Linux's value for "hidden").
    live ? 1 : 0, live ? 1 : 0, 0, 0, 0, // startstack kstkesp kstkeip
    lowSigs(pending), lowSigs(t?.sigmask ?? 0n), lowSigs(ignored), lowSigs(caught),
    0, 0, 0, SIGNALS.SIGCHLD, 0, 0, 0, // wchan nswap cnswap exit_signal processor rt_priority policy
    0, 0, 0, // delayacct_blkio_ticks guest_time cguest_time
    // start_data end_data start_brk arg_start arg_end env_start env_end
    0, mm?.brkStart ?? 0, mm?.brkStart ?? 0, 0, 0, 0, 0,
    p.status ?? 0,
  ];
  return `${fields.join(' ')}\n`;
}

/** /proc/<pid>/status: the human-readable summary. */
export function pidStatus(p: Process, src: ProcSource): string {
  const [letter, desc] = stateOf(p);
  const c = p.creds;
  const t = leader(p);
  const { ignored, caught } = dispositions(p);
  const fds = p.zombie ? [] : p.fds.fds();
  let fdSize = 64;
  while (fdSize < (fds[fds.length - 1] ?? 0) + 1) fdSize *= 2;
  const caps = c.euid === 0 ? ALL_CAPS : 0n;
  const cpus = Math.max(1, src.cpus);
  const lines = [
    `Name:\t${commOf(p)}`,
    `Umask:\t${p.umask.toString(8).padStart(4, '0')}`,
    `State:\t${letter} (${desc})`,
    `Tgid:\t${p.pid}`,
    'Ngid:\t0',
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    'TracerPid:\t0',
    `Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.euid}`,
    `Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.egid}`,
    `FDSize:\t${fdSize}`,
    `Groups:\t${c.groups.map((g) => `${g} `).join('')}`,
    `NStgid:\t${p.pid}`,
    `NSpid:\t${p.pid}`,
    `NSpgid:\t${p.pgid}`,
    `NSsid:\t${p.sid}`,
  ];
  if (!p.zombie) {
    // Linear memory is all there is: virtual size, resident set and data are the same bytes.
    const size = memoryBytes(p);
    const vm: [string, number][] = [
      ['VmPeak', size], ['VmSize', size], ['VmLck', 0], ['VmPin', 0], ['VmHWM', size], ['VmRSS', size],
      ['RssAnon', size], ['RssFile', 0], ['RssShmem', 0], ['VmData', size], ['VmStk', 0], ['VmExe', 0],
      ['VmLib', 0], ['VmPTE', 0], ['VmSwap', 0],
    ];
    for (const [k, v] of vm) lines.push(`${k}:\t${kb(v)}`);
  }
  const sigLimit = rlim(p.rlimits[RLIMIT.SIGPENDING]![0]);
  lines.push(
    `Threads:\t${Math.max(1, p.threads.size)}`,
    `SigQ:\t${p.signals.queuedRealtime}/${sigLimit}`,
    `SigPnd:\t${hex16(t?.pendingSignals ?? 0n)}`,
    `ShdPnd:\t${hex16(p.signals.pending)}`,
    `SigBlk:\t${hex16(t?.sigmask ?? 0n)}`,
    `SigIgn:\t${hex16(ignored)}`,
    `SigCgt:\t${hex16(caught)}`,
    `CapInh:\t${hex16(0n)}`,
    `CapPrm:\t${hex16(caps)}`,
    `CapEff:\t${hex16(caps)}`,
    `CapBnd:\t${hex16(ALL_CAPS)}`,
    `CapAmb:\t${hex16(0n)}`,
    'NoNewPrivs:\t0',
    'Seccomp:\t0',
    `Cpus_allowed:\t${((1n << BigInt(cpus)) - 1n).toString(16)}`,
    `Cpus_allowed_list:\t${cpus === 1 ? '0' : `0-${cpus - 1}`}`,
    'voluntary_ctxt_switches:\t0',
    'nonvoluntary_ctxt_switches:\t0',
  );
  return `${lines.join('\n')}\n`;
}

/** /proc/<pid>/statm: size resident shared text lib data dt, in pages. */
export function pidStatm(p: Process): string {
  const pages = Math.ceil(memoryBytes(p) / PAGE_SIZE);
  return `${pages} ${pages} 0 0 0 ${pages} 0\n`;
}

/** /proc/<pid>/comm. */
export const pidComm = (p: Process): string => `${commOf(p)}\n`;

/**
 * NUL-terminated strings back to back: cmdline and environ, as the bytes execve was given (non-UTF-8
 * ones too). Empty once the image is gone.
 */
export const nulJoined = (p: Process, list: readonly string[]): Uint8Array =>
  encodeLossless(p.zombie ? '' : list.map((s) => `${s}\0`).join(''));

const LIMIT_NAMES: [string, string][] = [
  ['Max cpu time', 'seconds'], ['Max file size', 'bytes'], ['Max data size', 'bytes'], ['Max stack size', 'bytes'],
  ['Max core file size', 'bytes'], ['Max resident set', 'bytes'], ['Max processes', 'processes'],
  ['Max open files', 'files'], ['Max locked memory', 'bytes'], ['Max address space', 'bytes'],
  ['Max file locks', 'locks'], ['Max pending signals', 'signals'], ['Max msgqueue size', 'bytes'],
  ['Max nice priority', ''], ['Max realtime priority', ''], ['Max realtime timeout', 'us'],
];

/** /proc/<pid>/limits: the resource limits table (fs/proc/base.c's column widths). */
export function pidLimits(p: Process): string {
  const col = (v: number) => (v === Infinity ? 'unlimited' : String(v)).padEnd(20);
  let out = `${'Limit'.padEnd(25)} ${'Soft Limit'.padEnd(20)} ${'Hard Limit'.padEnd(20)} ${'Units'.padEnd(10)}\n`;
  LIMIT_NAMES.forEach(([name, unit], i) => {
    const [soft, hard] = p.rlimits[i] ?? [Infinity, Infinity];
    out += `${name.padEnd(25)} ${col(soft)} ${col(hard)} ${unit ? `${unit.padEnd(10)}\n` : '\n'}`;
  });
  return out;
}

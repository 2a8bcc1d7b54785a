import { FdTable } from '../fd/fd-table.js';
import { WaitQueue } from '../wait/wait-queue.js';
import type { AddressSpace } from './address-space.js';
import type { ProcessMemory } from './process-memory.js';
import { SignalState } from './signal-state.js';
import type { ControllingTerminal } from './terminal.js';
import type { Thread } from './thread.js';

export interface Credentials {
  uid: number;
  euid: number;
  suid: number;
  gid: number;
  egid: number;
  sgid: number;
  groups: number[];
}

export const RLIMIT = {
  CPU: 0, FSIZE: 1, DATA: 2, STACK: 3, CORE: 4, RSS: 5, NPROC: 6, NOFILE: 7, MEMLOCK: 8, AS: 9, LOCKS: 10,
  SIGPENDING: 11, MSGQUEUE: 12, NICE: 13, RTPRIO: 14, RTTIME: 15, NLIMITS: 16,
} as const;

/**
 * Default limits. RLIMIT_NPROC is enforced for every uid, root included: each process costs the
 * host a worker thread, so a fork bomb must end in EAGAIN rather than exhaust the host.
 */
export function defaultRlimits(): [number, number][] {
  const l: [number, number][] = Array.from({ length: RLIMIT.NLIMITS }, () => [Infinity, Infinity]);
  l[RLIMIT.STACK] = [8 * 1024 * 1024, Infinity];
  l[RLIMIT.CORE] = [0, Infinity];
  l[RLIMIT.NPROC] = [512, 512];
  l[RLIMIT.NOFILE] = [1024, 4096];
  l[RLIMIT.MEMLOCK] = [8 * 1024 * 1024, 8 * 1024 * 1024];
  l[RLIMIT.SIGPENDING] = [4096, 4096];
  l[RLIMIT.MSGQUEUE] = [819200, 819200];
  return l;
}

/** A wait status as wait4 reports it. */
export const exitStatus = (code: number): number => (code & 0xff) << 8;
export const signalStatus = (sig: number, core: boolean): number => (sig & 0x7f) | (core ? 0x80 : 0);

/**
 * A process: everything process-wide lives here, in the kernel, never in a worker. Image-related
 * fields (memory, address space, module) are replaced by exec.
 */
export class Process {
  ppid = 0;
  pgid: number;
  sid: number;
  /** Working directory: a canonical path from the kernel's root (not from a chroot). */
  cwd = '/';
  /** Root directory (chroot), a canonical path from the kernel's root. */
  root = '/';
  /**
   * The VFS's own handle on the working directory (sys-fs keeps the resolved directory here, so
   * the cwd follows its directory through renames); `cwd` is the path it had when last looked at.
   */
  cwdNode: unknown;
  umask = 0o022;
  /** Nice value (-20..19): kept and reported; scheduling is the host's. */
  nice = 0;
  /** prctl's dumpable flag (0 or 1): kept and reported; there are no core dumps. */
  dumpable = 1;
  /** The controlling terminal (inherited by fork, dropped by setsid and by hang-ups). */
  ctty: ControllingTerminal | undefined;
  creds: Credentials = { uid: 0, euid: 0, suid: 0, gid: 0, egid: 0, sgid: 0, groups: [] };
  fds = new FdTable();
  signals = new SignalState();
  readonly threads = new Map<number, Thread>();
  readonly children = new Set<Process>();
  /** Woken when a child changes state (exit, later stop/continue). */
  readonly childEvents = new WaitQueue();
  argv: string[] = [];
  envp: string[] = [];
  /** Guest path of the running image. */
  exe = '';
  memory!: ProcessMemory;
  mm!: AddressSpace;
  module!: WebAssembly.Module;
  /** Wait status once a zombie; undefined while alive. */
  status: number | undefined;
  /**
   * Address of the image's attention word (the SDK glue's __kandelo_attention: its instrumented
   * loops poll it), or 0 when the image has none. See requestAttention.
   */
  attention = 0;
  /** The signal that stopped the process (job control), or 0 while it runs. */
  stopSignal = 0;
  /** A stop or continue the parent has not been told about through wait yet. */
  waitEvent: 'stopped' | 'continued' | undefined;
  /** Kernel-side strace for this process and the children it creates. */
  trace = false;
  /** Resource limits [soft, hard] by RLIMIT_* number; RLIM_INFINITY is Infinity. */
  rlimits: [number, number][] = defaultRlimits();
  /** Set once the process has called execve (setpgid by its parent then gives EACCES). */
  execed = false;
  readonly startNs: bigint;
  /** CPU time of the process's threads that have ended (live ones are metered on demand). */
  cpuNs = 0n;
  /** CPU time of reaped children and their reaped descendants (RUSAGE_CHILDREN, tms_cutime). */
  childCpuNs = 0n;
  private readonly exitListeners: ((status: number) => void)[] = [];

  constructor(
    readonly pid: number,
    startNs: bigint,
  ) {
    this.pgid = pid;
    this.sid = pid;
    this.startNs = startNs;
  }

  get zombie(): boolean {
    return this.status !== undefined;
  }

  /** Resolves with the wait status when the process ends. */
  onExit(cb: (status: number) => void): void {
    if (this.status !== undefined) cb(this.status);
    else this.exitListeners.push(cb);
  }

  /** Marks the process ended; called once by the kernel's exit path. */
  markExited(status: number): void {
    this.status = status;
    for (const cb of this.exitListeners.splice(0)) cb(status);
  }
}

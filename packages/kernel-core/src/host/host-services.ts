import type { FileStat } from '../fd/file-stat.js';

/**
 * Services the kernel needs from its host. kernel-core and the sys-* packages import nothing
 * from Node: hosts (host-node, host-browser) implement these and register them under TOKENS.
 */

export interface HostClock {
  /** Nanoseconds since the Unix epoch. */
  realtimeNs(): bigint;
  /** Nanoseconds since an arbitrary fixed point (boot), monotonic. */
  monotonicNs(): bigint;
}

export interface HostRandom {
  /** Fills `out` with cryptographically strong random bytes (out may be a shared-memory view). */
  fill(out: Uint8Array): void;
}

/** Outcome of a host console read attempt. */
export type ConsoleReadResult = number | 'again';

/**
 * The host's standard streams. Writes are synchronous and may be partial (return bytes written,
 * or 'again' when the host stream is full). Reads never block: they return the bytes copied,
 * 0 at end of file, or 'again' after arranging for `onReadable` to be called.
 */
export interface HostConsole {
  write(fd: 1 | 2, data: Uint8Array): number | 'again';
  read(out: Uint8Array): ConsoleReadResult;
  /** Called by the host when a read returning 'again' may now succeed (or a write may proceed). */
  onReady(cb: () => void): void;
  /** Whether the host stream is a terminal (isatty); false for pipes and files. */
  isTerminal(fd: 0 | 1 | 2): boolean;
  /** Terminal size when isTerminal(fd), else undefined. */
  windowSize(fd: 0 | 1 | 2): { rows: number; cols: number } | undefined;
  /** Called by the host when the terminal's size changes (a terminal subsystem passes it on). */
  onResize?(cb: (size: { rows: number; cols: number }) => void): void;
}

/** Stat information of a host file, in ABI units. */
export type HostStat = FileStat;

/** An error from the host filesystem, carrying the Linux errno name (e.g. "ENOENT"). */
export interface HostFsError {
  readonly code: string;
}

/** statfs numbers of a host filesystem (f_type and counts, as statfs(2) reports them). */
export interface HostFsStats {
  readonly type: number;
  readonly bsize: number;
  readonly blocks: number;
  readonly bfree: number;
  readonly bavail: number;
  readonly files: number;
  readonly ffree: number;
}

/**
 * Synchronous access to a host directory tree (Node). Paths are absolute host paths that the
 * caller (sys-fs hostfs) has already confined to a mount's root. Methods throw HostFsError.
 *
 * hostfs never lets the host follow a symlink: it walks with lstat, opens with O_NOFOLLOW and
 * uses the l* variants below. Apart from stat, realpath, chmod and open without O_NOFOLLOW, no
 * method may follow a symlink in the last component of its path.
 */
export interface HostFileSystem {
  open(path: string, flags: number, mode: number): number;
  close(handle: number): void;
  read(handle: number, out: Uint8Array, position: number | null): number;
  write(handle: number, data: Uint8Array, position: number | null): number;
  fstat(handle: number): HostStat;
  lstat(path: string): HostStat;
  stat(path: string): HostStat;
  ftruncate(handle: number, length: number): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  mkdir(path: string, mode: number): void;
  readdir(path: string): string[];
  readlink(path: string): string;
  realpath(path: string): string;
  /** rename(2): replaces an existing `to` (never follows symlinks). */
  rename(from: string, to: string): void;
  /**
   * link(2) of `existing` as `path`. Must not follow a symlink at `existing` (Linux link(2));
   * a host that cannot guarantee that throws EPERM for a symlink.
   */
  link(existing: string, path: string): void;
  /** symlink(2): a link at `path` holding `target` verbatim. */
  symlink(target: string, path: string): void;
  /**
   * mkfifo(3) at `path` with permission bits `mode` (EEXIST when something is there; a final
   * symlink is not followed). Optional: without it a FIFO cannot be made (EPERM).
   */
  mkfifo?(path: string, mode: number): void;
  /** chmod(2) (follows a final symlink: callers check the node first). */
  chmod(path: string, mode: number): void;
  /** lchown(2); -1 leaves an id unchanged. */
  lchown(path: string, uid: number, gid: number): void;
  /** utimensat(AT_SYMLINK_NOFOLLOW) with both times in nanoseconds since the epoch. */
  lutimes(path: string, atimeNs: bigint, mtimeNs: bigint): void;
  fsync(handle: number): void;
  statfs(path: string): HostFsStats;
}

/** Which export a new worker calls, and with what (see abi/module-abi.ts). */
export type ThreadEntry =
  /** A fresh image's main thread: __kandelo_start(block, channel). */
  | { readonly kind: 'main'; readonly block: number }
  /** A clone thread: __stack_pointer = stack, then __kandelo_thread_start(tp, stack, channel). */
  | { readonly kind: 'thread'; readonly tp: number; readonly stack: number }
  /**
   * A fork child: set __stack_pointer and __tls_base to the parent's values at fork time, start an
   * Asyncify rewind from `buf`, call the export the parent thread was started with (`from`); the
   * fork import then returns 0.
   */
  | { readonly kind: 'fork'; readonly from: 'main' | 'thread'; readonly buf: number; readonly sp: number; readonly tls: number };

/** What the kernel asks a host to run: one thread of a process on a worker. */
export interface ThreadStart {
  readonly pid: number;
  readonly tid: number;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Channel address in process memory. */
  readonly channel: number;
  readonly entry: ThreadEntry;
  /** The kernel's doorbell (see kernel/doorbell.ts), rung by the process after each call. */
  readonly doorbell: Int32Array;
  /** The I/O arena for the worker's `kandelo.io` (io/fast-io.ts); absent: every call is the kernel's. */
  readonly io?: { readonly arena: SharedArrayBuffer; readonly fdMap: number; readonly owner: number };
}

/** How a worker ended without an exit syscall. */
export interface ThreadFault {
  /** "trap" for a wasm trap, "crash" for a worker that died (e.g. out of memory or terminated). */
  readonly kind: 'trap' | 'crash' | 'returned';
  readonly message: string;
}

/** Starts and stops the workers processes run on. */
export interface HostProcessRunner {
  /** Starts a thread; `onFault` is called if the worker traps, crashes or returns from its entry. */
  start(start: ThreadStart, onFault: (fault: ThreadFault) => void): void;
  /**
   * Stops a thread's worker. `recyclable`: the thread is parked in its exit syscall, which the
   * kernel completes right after this call; the glue then leaves wasm (it traps after an exit
   * syscall returns) and the host may reuse the worker. Otherwise the thread may be in the middle
   * of anything and the worker must be terminated. `gone` is called once the worker no longer
   * runs guest code (it left wasm, or it was terminated): only then may the thread's memory (its
   * channel, its stack) be reused.
   */
  stop(pid: number, tid: number, recyclable?: boolean, gone?: () => void): void;
  /**
   * CPU time a running thread has used so far (on its current worker), in nanoseconds; undefined
   * when the host cannot meter threads (the kernel then falls back to wall time).
   */
  cpuTimeNs?(pid: number, tid: number): bigint | undefined;
}

export interface KernelLog {
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  /** strace-style output (stderr in Node). */
  trace(line: string): void;
}

export interface KernelConfig {
  /** Host name reported by uname. */
  readonly hostname: string;
  /** Host mounts: guest path -> host path (Node). */
  readonly mounts: readonly { guest: string; host: string; readonly?: boolean }[];
  /**
   * A root filesystem image (sys-fs's image format) to boot from, seen through a copy-up overlay
   * so writes never change it. Absent: the default rootfs.
   */
  readonly rootImage?: Uint8Array;
  /** Initial working directory of the first process. */
  readonly cwd: string;
  /** Cap on a process's memory in bytes. */
  readonly memoryLimit: number;
  /** Logical CPUs of the host (the kernel spins only while spinners have a CPU each); default 2. */
  readonly cpus?: number;
  /**
   * Bytes of pipe ring data in the I/O arena shared with workers (io/io-layout.ts); 0: no arena,
   * every pipe transfer goes through the kernel. Default 64 MiB (virtual until pipes use it).
   */
  readonly ioDataBytes?: number;
}

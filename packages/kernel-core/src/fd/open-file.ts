import type { Thread } from '../process/thread.js';
import type { FdTable } from './fd-table.js';
import type { WaitQueue } from '../wait/wait-queue.js';
import type { FileStat } from './file-stat.js';

/**
 * What an open file description can do. Handlers call these with live views of process memory.
 * `read`/`write` return a byte count, or PARK after parking the thread (see Thread.park).
 * Absent methods mean the operation is not supported by this kind of file.
 */
export interface FileOps {
  read?(f: OpenFile, t: Thread, out: Uint8Array, position: number | null): number;
  write?(f: OpenFile, t: Thread, data: Uint8Array, position: number | null): number;
  stat(f: OpenFile): FileStat;
  /** Whether lseek is allowed (regular files, directories, block devices). */
  readonly seekable: boolean;
  ioctl?(f: OpenFile, t: Thread, request: number, arg: number): number;
  truncate?(f: OpenFile, length: number): void;
  /** Directory entries (name, ino, d_type) for getdents64. */
  readdir?(f: OpenFile): { name: string; ino: number; type: number }[];
  /** Called when the last descriptor referring to the description closes. */
  release?(f: OpenFile): void;
  /**
   * Readiness for poll/select: the POLL* bits (POLLIN, POLLOUT, POLLHUP, POLLERR...) that hold
   * now. Absent: always readable and writable, as regular files are. `t` is the polling thread
   * (a signalfd is readable when the poller itself has a signal pending); poll/select pass it.
   */
  poll?(f: OpenFile, t?: Thread): number;
  /** The queues woken when this file's readiness may have changed (a poller parks on them). */
  pollQueues?(f: OpenFile, t?: Thread): WaitQueue[];
  /**
   * Called for every descriptor of the description that `fds` closes (close, dup2 over it, exec,
   * exit), not only the last: POSIX record locks are released by any close of the file.
   */
  closed?(f: OpenFile, fds: FdTable): void;
  /** fsync/fdatasync; absent: nothing to flush. */
  sync?(f: OpenFile): void;
}

/**
 * Told of closes and the release of a description whose file kind does not report them itself
 * (pipes, terminals): sys-fs's lock manager, for locks taken on such files.
 */
export interface OpenFileWatch {
  closed(f: OpenFile, fds: FdTable): void;
  released(f: OpenFile): void;
}

/** An open file description: shared by dup'ed descriptors (and, later, across fork). */
export class OpenFile {
  offset = 0;
  private refs = 1;
  /** Per-description state owned by the file's implementation. */
  state: unknown;
  /** The filesystem node it was opened from (sys-fs's Inode), for fstat, fchmod, locks, /proc fd links. */
  node: unknown;
  /** The mount it was opened through (sys-fs's Mount): read-only checks, fstatfs, /proc/mounts. */
  mount: unknown;
  /** See OpenFileWatch. */
  watch: OpenFileWatch | undefined;
  /** The I/O arena's OFD slot of a pipe end (1-based; 0: none), for the workers' fast path. */
  ioSlot = 0;
  /** Told when the status flags change (a pipe end mirrors O_NONBLOCK into its OFD slot). */
  onFlags: ((f: OpenFile) => void) | undefined;
  private statusFlags: number;

  constructor(
    readonly ops: FileOps,
    /** Status flags (O_APPEND, O_NONBLOCK, access mode...). */
    flags: number,
    /** Guest path it was opened by, for /proc and strace. */
    readonly path: string,
  ) {
    this.statusFlags = flags;
  }

  get flags(): number {
    return this.statusFlags;
  }

  set flags(v: number) {
    this.statusFlags = v;
    this.onFlags?.(this);
  }

  ref(): this {
    this.refs++;
    return this;
  }

  unref(): void {
    if (--this.refs === 0) {
      this.ops.release?.(this);
      this.watch?.released(this);
    }
  }
}

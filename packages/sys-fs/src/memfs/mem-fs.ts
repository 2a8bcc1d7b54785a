import { S } from '@kandelo/kernel-core';
import type { Caller, FileSystem, FsStats, OpenResult } from '../vfs/inode.js';
import { MemDir } from './mem-dir.js';
import { MODE_BITS } from './mem-node.js';
import { NAME_MAX } from './names.js';

export const TMPFS_MAGIC = 0x01021994;
const BLOCK = 4096;
/** What statfs reports as the size of an unbounded memfs (4 GiB: a browser tab's worth). */
const NOMINAL_BYTES = 2 ** 32;
/** Inode budget statfs reports: memfs has no real limit, but df -i wants numbers. */
const NOMINAL_INODES = 2 ** 20;

/**
 * How a character or block device node opens. `type` is S_IFCHR or S_IFBLK: the same number
 * names different devices in the two spaces.
 */
export type OpenDevice = (rdev: number, flags: number, c: Caller, type: number) => OpenResult;

export interface MemFsOptions {
  /** st_dev of every node (from Vfs.allocDev()). */
  dev: number;
  /** Realtime clock in nanoseconds, for timestamps. */
  now: () => bigint;
  /** Type name for /proc/mounts (default "tmpfs"). */
  type?: string;
  /** Cap on the total bytes of file data; writes beyond it fail with ENOSPC. Default: none. */
  maxBytes?: number;
  /** Permission bits of the root directory (default 0o755; /tmp and /dev/shm pass 0o1777). */
  rootMode?: number;
  rootUid?: number;
  rootGid?: number;
  /** Opens device nodes by number; absent: opening one is ENXIO. */
  openDevice?: OpenDevice;
}

/**
 * A filesystem held in kernel memory (Linux's tmpfs): /tmp, /dev/shm, an overlay's upper layer.
 * The filesystem object keeps the counters nodes share: inode numbers, live inodes and bytes
 * used (the logical size of every file still linked or open, which is what maxBytes caps).
 */
export class MemFs implements FileSystem {
  readonly type: string;
  readonly dev: number;
  readonly readonly = false;
  readonly root: MemDir;
  readonly now: () => bigint;
  readonly maxBytes: number | undefined;
  readonly openDevice: OpenDevice | undefined;
  private lastIno = 0;
  private liveInodes = 0;
  private usedBytes = 0;

  constructor(o: MemFsOptions) {
    this.type = o.type ?? 'tmpfs';
    this.dev = o.dev;
    this.now = o.now;
    this.maxBytes = o.maxBytes;
    this.openDevice = o.openDevice;
    // Root takes ino 1: allocIno runs inside the node constructor.
    this.root = new MemDir(this, {
      mode: S.IFDIR | ((o.rootMode ?? 0o755) & MODE_BITS),
      uid: o.rootUid ?? 0,
      gid: o.rootGid ?? 0,
    });
  }

  /** Bytes of file data currently held. */
  get used(): number {
    return this.usedBytes;
  }

  /** Inodes alive (linked somewhere, or an unlinked file still open). */
  get inodes(): number {
    return this.liveInodes;
  }

  statfs(): FsStats {
    const cap = this.maxBytes ?? Math.max(NOMINAL_BYTES, this.usedBytes);
    const blocks = Math.ceil(cap / BLOCK);
    const files = Math.max(NOMINAL_INODES, this.liveInodes);
    return {
      magic: TMPFS_MAGIC,
      bsize: BLOCK,
      blocks,
      bfree: Math.max(0, blocks - Math.ceil(this.usedBytes / BLOCK)),
      files,
      ffree: files - this.liveInodes,
      namelen: NAME_MAX,
    };
  }

  // --- for memfs nodes ---------------------------------------------------------------------

  /** A fresh inode number (never reused: a counter, as tmpfs's get_next_ino). */
  allocIno(): number {
    this.liveInodes++;
    return ++this.lastIno;
  }

  inodeFreed(): void {
    this.liveInodes--;
  }

  /** Bytes that may still be added before maxBytes is reached (Infinity without a cap). */
  available(): number {
    return this.maxBytes === undefined ? Infinity : Math.max(0, this.maxBytes - this.usedBytes);
  }

  /** Accounts a change of file data size (negative when freed); callers have checked available(). */
  charge(delta: number): void {
    this.usedBytes += delta;
  }
}

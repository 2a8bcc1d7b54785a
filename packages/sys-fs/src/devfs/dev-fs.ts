import { E, type FileOps, type HostClock, type HostRandom } from '@kandelo/kernel-core';
import type { Caller, FileSystem, FsStats, OpenResult } from '../vfs/inode.js';
import { DevChar, DevDir, type DevFsContext, type DeviceOpener, DevSymlink, makeDev } from './dev-node.js';
import { fullOps, nullOps, randomOps, zeroOps } from './mem-devices.js';

/** devtmpfs reports tmpfs's magic to statfs. */
export const TMPFS_MAGIC = 0x01021994;
/** The tty group Linux distributions give /dev/tty. */
const TTY_GID = 5;

/** Linux's device numbers for the nodes devfs makes. */
export const DEV = {
  null: makeDev(1, 3), zero: makeDev(1, 5), full: makeDev(1, 7), random: makeDev(1, 8), urandom: makeDev(1, 9),
  tty: makeDev(5, 0),
} as const;

export interface DevFsOptions {
  /** st_dev of every node (Vfs.allocDev()). */
  readonly dev: number;
  /** Backs /dev/random and /dev/urandom. */
  readonly random: HostRandom;
  /** Node timestamps; absent: the epoch. */
  readonly clock?: HostClock;
  /**
   * /dev/tty: the caller's controlling terminal opened anew with the open(2) `flags`, or
   * undefined when it has none (ENXIO, as Linux answers). Absent: no process has a terminal.
   */
  readonly controllingTty?: (c: Caller, flags: number) => OpenResult | undefined;
}

/**
 * devfs: a small static /dev. The memory devices, /dev/tty, the fd/stdin/stdout/stderr links
 * into /proc/self, and the empty directories that shm (tmpfs) and pts (devpts) are mounted on.
 * New nodes cannot be made here (mknod, creat, mkdir, ln: EPERM from the VFS, create being
 * absent); existing ones take chmod, chown and utimes in memory.
 */
export class DevFs implements FileSystem, DevFsContext {
  readonly type = 'devtmpfs';
  readonly readonly = false;
  readonly dev: number;
  readonly root: DevDir;
  private nextIno = 1;
  private readonly clock: HostClock | undefined;

  constructor(opts: DevFsOptions) {
    this.dev = opts.dev;
    this.clock = opts.clock;
    const root = (this.root = new DevDir(this, 0o755));
    const device = (name: string, rdev: number, open: DeviceOpener, gid = 0) => {
      root.add(name, new DevChar(this, 0o666, rdev, open)).gid = gid;
    };
    const withOps = (ops: FileOps): DeviceOpener => (node) => ({ ops, state: node });
    const random = randomOps(opts.random);
    device('null', DEV.null, withOps(nullOps));
    device('zero', DEV.zero, withOps(zeroOps));
    device('full', DEV.full, withOps(fullOps));
    device('random', DEV.random, withOps(random));
    device('urandom', DEV.urandom, withOps(random));
    const tty = opts.controllingTty;
    device('tty', DEV.tty, (_node, flags, c) => {
      const r = tty?.(c, flags);
      if (!r) throw E.ENXIO;
      return r;
    }, TTY_GID);
    // As in containers: the pty multiplexer is devpts's own node (sys-pty mounts devpts on /dev/pts).
    root.add('ptmx', new DevSymlink(this, 'pts/ptmx'));
    root.add('fd', new DevSymlink(this, '/proc/self/fd'));
    root.add('stdin', new DevSymlink(this, '/proc/self/fd/0'));
    root.add('stdout', new DevSymlink(this, '/proc/self/fd/1'));
    root.add('stderr', new DevSymlink(this, '/proc/self/fd/2'));
    root.add('shm', new DevDir(this, 0o1777));
    root.add('pts', new DevDir(this, 0o755));
  }

  allocIno(): number {
    return this.nextIno++;
  }

  now(): bigint {
    return this.clock?.realtimeNs() ?? 0n;
  }

  statfs(): FsStats {
    return { magic: TMPFS_MAGIC, bsize: 4096, blocks: 0, bfree: 0, files: this.nextIno - 1, ffree: 0, namelen: 255 };
  }
}

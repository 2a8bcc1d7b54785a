import { E, type HostFileSystem, type HostStat, S } from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import type { FileSystem, FsStats } from '../vfs/inode.js';
import { HostDir } from './host-dir.js';
import { HostFile } from './host-file.js';
import { HostInode } from './host-inode.js';
import { HostSymlink } from './host-symlink.js';

export interface HostFsOptions {
  /** st_dev of every node (from Vfs.allocDev()). */
  readonly dev: number;
  /** Mounted read-only: every change gives EROFS. */
  readonly readonly?: boolean;
  /**
   * A number that changes between syscalls (Kernel.calls). A directory verified once during a
   * call need not be verified again in the same call: the guest cannot change the tree meanwhile.
   * Absent: every step verifies.
   */
  readonly epoch?: () => number;
}

/** f_type reported when the host cannot statfs: Linux's 9p, the usual "host directory" filesystem. */
const V9FS_MAGIC = 0x01021997;

/**
 * A host directory mounted in the guest (Linux's 9p/virtiofs role). Nothing outside the
 * directory is ever read or written: the root is its realpath taken now, the VFS resolves ".",
 * ".." and every symlink in guest space, and the nodes never let the host follow a symlink or
 * walk a path that is not the chain of real directories their lookups found (see HostInode).
 */
export class HostFs implements FileSystem {
  readonly type = 'hostfs';
  readonly dev: number;
  readonly readonly: boolean;
  /** Realpath of the mounted host directory. */
  readonly hostRoot: string;
  readonly root: HostDir;
  readonly host: HostFileSystem;

  /** See HostFsOptions.epoch; -1 when not given (never equal to a recorded epoch). */
  readonly epoch: () => number;

  constructor(hostFs: HostFileSystem, hostRoot: string, opts: HostFsOptions) {
    this.host = hostFs;
    this.dev = opts.dev;
    this.readonly = opts.readonly ?? false;
    this.epoch = opts.epoch ?? (() => -1);
    this.hostRoot = host(() => this.host.realpath(hostRoot));
    const st = host(() => this.host.lstat(this.hostRoot));
    if ((st.mode & S.IFMT) !== S.IFDIR) throw E.ENOTDIR;
    this.root = new HostDir(this, undefined, '', st);
  }

  statfs(): FsStats {
    try {
      const s = this.host.statfs(this.hostRoot);
      return { magic: s.type, bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, files: s.files, ffree: s.ffree, namelen: 255 };
    } catch {
      // A host without statfs: plausible numbers (64 GiB, half free).
      return { magic: V9FS_MAGIC, bsize: 4096, blocks: 1 << 24, bfree: 1 << 23, files: 1 << 22, ffree: 1 << 21, namelen: 255 };
    }
  }

  /** EROFS on a read-only mount (the VFS checks the mount flags too). */
  writable(): void {
    if (this.readonly) throw E.EROFS;
  }

  /** A new node for the host entry `st` found as `name` in `parent`. */
  node(parent: HostDir, name: string, st: HostStat): HostInode {
    switch (st.mode & S.IFMT) {
      case S.IFDIR:
        return new HostDir(this, parent, name, st);
      case S.IFREG:
        return new HostFile(this, parent, name, st);
      case S.IFLNK:
        return new HostSymlink(this, parent, name, st);
      default:
        return new HostInode(this, parent, name, st); // FIFO, socket, device: attributes only
    }
  }
}

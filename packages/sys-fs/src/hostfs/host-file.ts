import { E, type FileStat, O } from '@kandelo/kernel-core';
import { host } from '../files/host-error.js';
import type { Caller, OpenResult } from '../vfs/inode.js';
import { HostHandle } from './host-handle.js';
import { HostInode } from './host-inode.js';

/** open(2) flags passed on to the host besides the access mode: synchronous-write requests. */
const PASSED = O.SYNC | O.DSYNC;

/** A regular file of a host mount. */
export class HostFile extends HostInode {
  /** Open handles, for fstat of a file whose name is gone. */
  private readonly handles = new Set<HostHandle>();

  open(flags: number, _c?: Caller): OpenResult {
    const acc = flags & O.ACCMODE;
    if (acc !== O.RDONLY) this.fs.writable();
    const fd = this.openHost(acc | (flags & PASSED));
    const handle = new HostHandle(this.fs.host, fd, (h) => this.handles.delete(h));
    this.handles.add(handle);
    return { handle };
  }

  /**
   * A host descriptor of this very file. O_NOFOLLOW: a symlink put at the name gives ELOOP;
   * O_NONBLOCK: a FIFO put there cannot block the kernel; and the opened file must be the one
   * where() checked (same device and inode), which makes the open itself race-free.
   */
  private openHost(flags: number): number {
    const path = this.where();
    const h = this.fs.host;
    const fd = host(() => h.open(path, flags | O.NOFOLLOW | O.NONBLOCK, 0));
    let ok = false;
    try {
      ok = this.matches(host(() => h.fstat(fd)));
    } finally {
      if (!ok) {
        try {
          h.close(fd);
        } catch {
          // Already failing.
        }
      }
    }
    if (!ok) throw E.ENOENT;
    return fd;
  }

  protected override checkResize(size: number): void {
    if (size < 0) throw E.EINVAL;
  }

  protected override resize(size: number): void {
    const h = this.fs.host;
    const fd = this.openHost(O.WRONLY);
    try {
      host(() => h.ftruncate(fd, size));
    } finally {
      try {
        h.close(fd);
      } catch {
        // The size is set.
      }
    }
  }

  protected override orphanStat(): FileStat {
    for (const handle of this.handles) {
      try {
        return this.abi(handle.stat());
      } catch {
        // Try another handle, or fall back to the last attributes.
      }
    }
    return super.orphanStat();
  }
}

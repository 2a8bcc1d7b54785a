import { E, S } from '@kandelo/kernel-core';
import type { Caller, Inode, OpenResult } from '../vfs/inode.js';
import type { MemFs } from './mem-fs.js';
import { MemNode, type NodeInit } from './mem-node.js';

/**
 * A FIFO or a socket node: a name and attributes, nothing stored. There is no open(): a FIFO's
 * pipe is the VFS's to attach (it must be shared by every opener of the inode, whatever the
 * backend), and opening a socket node is ENXIO, which the VFS answers for an absent open.
 */
export class MemSpecial extends MemNode implements Inode {
  constructor(fs: MemFs, init: NodeInit) {
    super(fs, init, 1);
  }
}

/** A character or block device node: open is delegated by device number to the filesystem's owner. */
export class MemDevice extends MemNode implements Inode {
  constructor(
    fs: MemFs,
    init: NodeInit,
    readonly rdev: number,
  ) {
    super(fs, init, 1);
  }

  protected override deviceId(): number {
    return this.rdev;
  }

  open(flags: number, c: Caller): OpenResult {
    const open = this.fs.openDevice;
    // No driver table: the node exists but no device answers for it (as an unknown major does).
    if (!open) throw E.ENXIO;
    return open(this.rdev, flags, c, this.mode & S.IFMT);
  }
}

import { E, type FileStat, S } from '@kandelo/kernel-core';
import type { Inode, SetAttr } from '../vfs/inode.js';
import type { MemFs } from './mem-fs.js';

/** Permission-word bits beyond rwx (not in the ABI constants, which only carry type bits). */
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
/** Everything chmod may change: the type bits are never touched. */
export const MODE_BITS = 0o7777;

/** Owner and mode of a node being made (create has already resolved setgid inheritance). */
export interface NodeInit {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/**
 * What every memfs node has: identity, ownership, link count and timestamps. Subclasses add the
 * Inode methods their kind supports; the rest stay absent so the VFS answers for them
 * (ENOTDIR for lookup on a file, EINVAL for readlink on a directory...), as the contract asks.
 */
export abstract class MemNode implements Inode {
  readonly ino: number;
  mode: number;
  uid: number;
  gid: number;
  /** Files, symlinks, specials: names referring to the node. Directories: 2 + subdirectories. */
  nlink: number;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;

  constructor(
    readonly fs: MemFs,
    init: NodeInit,
    nlink: number,
  ) {
    this.ino = fs.allocIno();
    this.mode = init.mode;
    this.uid = init.uid;
    this.gid = init.gid;
    this.nlink = nlink;
    const now = fs.now();
    this.atimeNs = now;
    this.mtimeNs = now;
    this.ctimeNs = now;
  }

  /** st_size: the data length for files, the target length for symlinks. */
  protected byteSize(): number {
    return 0;
  }

  /** st_blocks in 512-byte units; only file data occupies memory worth reporting. */
  protected blockCount(_size: number): number {
    return 0;
  }

  /** st_rdev (device nodes only). */
  protected deviceId(): number {
    return 0;
  }

  stat(): FileStat {
    const size = this.byteSize();
    return {
      dev: this.fs.dev,
      ino: this.ino,
      mode: this.mode,
      nlink: this.nlink,
      uid: this.uid,
      gid: this.gid,
      rdev: this.deviceId(),
      size,
      blksize: 4096,
      blocks: this.blockCount(size),
      atimeNs: this.atimeNs,
      mtimeNs: this.mtimeNs,
      ctimeNs: this.ctimeNs,
    };
  }

  setattr(a: SetAttr): void {
    // The size change goes first: it is the only part that can fail, and a failed setattr must
    // leave every attribute as it was.
    if (a.size !== undefined) this.resize(a.size);
    if (a.mode !== undefined) this.mode = (this.mode & S.IFMT) | (a.mode & MODE_BITS);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atimeNs !== undefined) this.atimeNs = a.atimeNs;
    if (a.mtimeNs !== undefined) this.mtimeNs = a.mtimeNs;
    this.ctimeNs = this.fs.now();
  }

  /** truncate(2) on this kind of node: Linux answers EINVAL for anything but files (dirs: EISDIR). */
  protected resize(_size: number): void {
    throw E.EINVAL;
  }

  /** Content changes so far (Inode.contentVersion). */
  private changes = 0;

  contentVersion(): string {
    return String(this.changes);
  }

  /** A content change: write, truncate, an entry added to or removed from a directory. */
  touchModified(): void {
    this.changes++;
    const now = this.fs.now();
    this.mtimeNs = now;
    this.ctimeNs = now;
  }

  /** An attribute change with no content change: a link count moved, a rename. */
  touchChanged(): void {
    this.ctimeNs = this.fs.now();
  }

  /** One name fewer refers to the node; at zero it may give its memory back. */
  dropLink(): void {
    this.ctimeNs = this.fs.now();
    if (--this.nlink === 0) this.evict();
  }

  /** No name refers to the node any more. Files wait for their last open handle; others go now. */
  protected evict(): void {
    this.fs.inodeFreed();
  }
}
